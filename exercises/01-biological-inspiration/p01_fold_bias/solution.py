import numpy as np


def fold_bias(x, w, b):
    """Return (x_aug, w_aug): x with a 1 appended and w with b appended, both (D+1,)."""
    x_aug = np.append(x, 1.0).astype(float)
    w_aug = np.append(w, b).astype(float)
    return x_aug, w_aug


def add_ones_column(X):
    """Return X (N, D) with a column of ones appended on the right: (N, D+1)."""
    ones = np.ones((X.shape[0], 1))
    return np.hstack([X, ones]).astype(float)
