# Bug: the rng argument is ignored: the batches always come in the stored order.
# expect: use rng.permutation(N)
import numpy as np


def minibatches(X, y, batch_size, rng=None):
    N = len(X)
    for start in range(0, N, batch_size):
        yield X[start : start + batch_size], y[start : start + batch_size]
