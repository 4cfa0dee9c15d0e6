# Wrong fix: one permutation, but only X is reordered; y keeps its stored order.
# expect: rows still carry their own label
import numpy as np


def shuffle_together(X, y, rng):
    perm = rng.permutation(len(X))
    return X[perm], y.copy()
