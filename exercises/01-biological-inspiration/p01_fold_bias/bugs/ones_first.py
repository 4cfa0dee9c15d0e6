# Bug: puts the constant 1 and the bias first instead of last.
# expect: at index (0,): expected 2.0, got 1.0
import numpy as np


def fold_bias(x, w, b):
    return np.insert(x, 0, 1.0).astype(float), np.insert(w, 0, b).astype(float)


def add_ones_column(X):
    return np.hstack([np.ones((X.shape[0], 1)), X]).astype(float)
