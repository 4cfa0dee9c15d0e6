# Bug: returns the boolean table of the comparison instead of integers 0/1.
# expect: expected an integer dtype, got bool
import numpy as np


def step_layer(X, W, b):
    return X @ W + b >= 0


def fold_layer_bias(X, W, b):
    X_aug = np.hstack([X, np.ones((X.shape[0], 1))]).astype(float)
    return X_aug, np.vstack([W, b]).astype(float)
