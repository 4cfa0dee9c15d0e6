# Bug: rng.shuffle(X) and rng.shuffle(y) shuffle the caller's arrays in place (and apart).
# expect: changed X or y while yielding the batches
import numpy as np


def minibatches(X, y, batch_size, rng=None):
    N = len(X)
    if rng is not None:
        rng.shuffle(X)
        rng.shuffle(y)
    for start in range(0, N, batch_size):
        yield X[start : start + batch_size], y[start : start + batch_size]
