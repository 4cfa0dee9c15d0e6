# Bug: appends a row of ones (a new input) instead of a column of ones (a new feature).
# expect: expected shape (2, 4), got (3, 3)
import numpy as np


def step_layer(X, W, b):
    return (X @ W + b >= 0).astype(int)


def fold_layer_bias(X, W, b):
    X_aug = np.vstack([X, np.ones((1, X.shape[1]))]).astype(float)
    return X_aug, np.vstack([W, b]).astype(float)
