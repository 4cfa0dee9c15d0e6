import numpy as np


def dropout_forward(X, p, rng, train=True):
    """Inverted dropout with drop probability p; returns (out, mask).

    train=True: each entry is dropped (set to 0) with probability p, independently, using
    the generator rng; kept entries are scaled by 1 / (1 - p); mask has X's shape and
    out = X * mask. train=False: return (X, None) unchanged.
    """
    # TODO: draw a mask of X's shape from rng, scale the kept entries, apply it.
    return X, None
