# Bug: X and y are shuffled with two different permutations.
# expect: carry another sample's label
import numpy as np


def train_val_split(X, y, val_fraction, rng):
    if not 0.0 < val_fraction < 1.0:
        raise ValueError("val_fraction must be between 0 and 1")
    N = len(X)
    n_val = round(val_fraction * N)
    Xs, ys = X[rng.permutation(N)], y[rng.permutation(N)]
    return Xs[n_val:], ys[n_val:], Xs[:n_val], ys[:n_val]
