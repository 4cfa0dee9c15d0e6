import numpy as np


def dropout_forward(X, p, rng, train=True):
    """Inverted dropout with drop probability p; returns (out, mask).

    train=True: each entry is dropped (set to 0) with probability p, independently, using
    the generator rng; kept entries are scaled by 1 / (1 - p); mask has X's shape and
    out = X * mask. train=False: return (X, None) unchanged.
    """
    if not train:
        return X, None  # evaluation: the layer is the identity
    keep = rng.random(np.shape(X)) >= p  # True with probability 1 - p, one draw per entry
    mask = keep / (1.0 - p)  # 0 or 1/(1-p): the expected value of each entry is 1
    return X * mask, mask
