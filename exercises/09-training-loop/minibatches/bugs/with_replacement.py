# Bug: random indices drawn with replacement: some samples twice per epoch, others never.
# expect: some samples appear twice
import numpy as np


def minibatches(X, y, batch_size, rng=None):
    N = len(X)
    order = np.arange(N) if rng is None else rng.integers(0, N, size=N)
    for start in range(0, N, batch_size):
        idx = order[start : start + batch_size]
        yield X[idx], y[idx]
