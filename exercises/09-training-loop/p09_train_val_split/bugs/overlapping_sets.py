# Bug: the training set is the whole permuted dataset, validation samples included.
# expect: are in both sets
import numpy as np


def train_val_split(X, y, val_fraction, rng):
    if not 0.0 < val_fraction < 1.0:
        raise ValueError("val_fraction must be between 0 and 1")
    N = len(X)
    perm = rng.permutation(N)
    val = perm[: round(val_fraction * N)]
    return X[perm], y[perm], X[val], y[val]
