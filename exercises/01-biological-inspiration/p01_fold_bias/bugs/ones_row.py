# Bug: appends a row of ones (a new sample) instead of a column (a new feature).
# expect: expected shape (3, 3), got (4, 2)
import numpy as np


def fold_bias(x, w, b):
    return np.append(x, 1.0).astype(float), np.append(w, b).astype(float)


def add_ones_column(X):
    return np.vstack([X, np.ones((1, X.shape[1]))]).astype(float)
