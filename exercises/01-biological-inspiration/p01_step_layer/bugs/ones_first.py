# Bug: puts the column of ones first while the biases go last, so the product mixes them up.
# expect: at index (0, 1): expected 0.0, got 1.0
import numpy as np


def step_layer(X, W, b):
    return (X @ W + b >= 0).astype(int)


def fold_layer_bias(X, W, b):
    X_aug = np.hstack([np.ones((X.shape[0], 1)), X]).astype(float)
    return X_aug, np.vstack([W, b]).astype(float)
