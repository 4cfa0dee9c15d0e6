# Bug: X and y are shuffled with two different permutations, so labels no longer match rows.
# expect: no longer belong together
import numpy as np


def minibatches(X, y, batch_size, rng=None):
    N = len(X)
    if rng is not None:
        X = X[rng.permutation(N)]
        y = y[rng.permutation(N)]
    for start in range(0, N, batch_size):
        yield X[start : start + batch_size], y[start : start + batch_size]
