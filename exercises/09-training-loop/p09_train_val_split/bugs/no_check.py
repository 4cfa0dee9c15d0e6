# Bug: no check of val_fraction: 1.0 gives an empty training set without an error.
# expect: expected ValueError to be raised
import numpy as np


def train_val_split(X, y, val_fraction, rng):
    N = len(X)
    n_val = round(val_fraction * N)
    perm = rng.permutation(N)
    return X[perm[n_val:]], y[perm[n_val:]], X[perm[:n_val]], y[perm[:n_val]]
