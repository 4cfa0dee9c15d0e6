# Bug: a fresh generator with a fixed seed is made inside the function, so every call
# (every epoch) gets the same order, and not the order of the rng it was given.
# expect: not rng.permutation(N) of the generator
import numpy as np


def minibatches(X, y, batch_size, rng=None):
    N = len(X)
    order = np.arange(N) if rng is None else np.random.default_rng(21).permutation(N)
    for start in range(0, N, batch_size):
        idx = order[start : start + batch_size]
        yield X[idx], y[idx]
