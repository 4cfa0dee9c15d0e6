import numpy as np


def minibatches(X, y, batch_size, rng=None):
    """Yield (Xb, yb) batches covering every sample once; order rng.permutation(N) if rng is given.

    The last batch holds the remaining N % batch_size samples when batch_size does not divide N.
    """
    N = len(X)
    # TODO: the order of the samples: 0, 1, ..., N-1 without rng, else rng.permutation(N).
    # TODO: yield one (Xb, yb) per batch of batch_size positions of that order.
    yield X, y
