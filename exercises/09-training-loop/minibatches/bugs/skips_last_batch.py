# Bug: range(N // batch_size) makes only the full batches: the last, smaller one is dropped.
# expect: the last, smaller batch
import numpy as np


def minibatches(X, y, batch_size, rng=None):
    N = len(X)
    order = np.arange(N) if rng is None else rng.permutation(N)
    for i in range(N // batch_size):
        idx = order[i * batch_size : (i + 1) * batch_size]
        yield X[idx], y[idx]
