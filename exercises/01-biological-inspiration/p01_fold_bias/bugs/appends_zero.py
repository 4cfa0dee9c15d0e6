# Bug: appends 0 instead of 1 to the input, so the bias never contributes.
# expect: at index (2,): expected 1.0, got 0.0
import numpy as np


def fold_bias(x, w, b):
    return np.append(x, 0.0), np.append(w, b)


def add_ones_column(X):
    return np.hstack([X, np.zeros((X.shape[0], 1))])
