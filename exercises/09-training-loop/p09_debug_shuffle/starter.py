import numpy as np


def shuffle_together(X, y, rng):
    """Return copies of X (N, D) and y (N,) shuffled in the order rng.permutation(N)."""
    X_shuffled = X[rng.permutation(len(X))]
    y_shuffled = y[rng.permutation(len(y))]
    return X_shuffled, y_shuffled
