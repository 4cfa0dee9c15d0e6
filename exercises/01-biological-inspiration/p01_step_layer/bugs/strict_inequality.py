# Bug: uses > 0, so a neuron whose sum is exactly 0 does not fire.
# expect: at index (0, 0): expected 1, got 0
import numpy as np


def step_layer(X, W, b):
    return (X @ W + b > 0).astype(int)


def fold_layer_bias(X, W, b):
    X_aug = np.hstack([X, np.ones((X.shape[0], 1))]).astype(float)
    return X_aug, np.vstack([W, b]).astype(float)
