# Bug: copies into an array of the input's dtype, so integer inputs truncate a fractional bias.
# expect: expected a float dtype, got int64
import numpy as np


def fold_bias(x, w, b):
    x_aug = np.ones(len(x) + 1, dtype=x.dtype)
    x_aug[:-1] = x
    w_aug = np.empty(len(w) + 1, dtype=w.dtype)
    w_aug[:-1] = w
    w_aug[-1] = b
    return x_aug, w_aug


def add_ones_column(X):
    out = np.ones((X.shape[0], X.shape[1] + 1), dtype=X.dtype)
    out[:, :-1] = X
    return out
