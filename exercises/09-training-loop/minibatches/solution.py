import numpy as np


def minibatches(X, y, batch_size, rng=None):
    """Yield (Xb, yb) batches covering every sample once; order rng.permutation(N) if rng is given.

    The last batch holds the remaining N % batch_size samples when batch_size does not divide N.
    """
    N = len(X)
    order = np.arange(N) if rng is None else rng.permutation(N)  # one permutation for X and y
    for start in range(0, N, batch_size):
        idx = order[start : start + batch_size]  # the last slice may be shorter
        yield X[idx], y[idx]  # fancy indexing: new arrays, the caller's X and y stay as they are
