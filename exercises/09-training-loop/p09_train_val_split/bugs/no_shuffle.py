# Bug: the first samples in stored order become the validation set (no permutation).
# expect: the split is not shuffled
import numpy as np


def train_val_split(X, y, val_fraction, rng):
    if not 0.0 < val_fraction < 1.0:
        raise ValueError("val_fraction must be between 0 and 1")
    n_val = round(val_fraction * len(X))
    return X[n_val:], y[n_val:], X[:n_val], y[:n_val]
