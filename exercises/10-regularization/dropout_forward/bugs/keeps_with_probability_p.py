# Bug: rng.random(...) < p is True with probability p, so p becomes the probability of KEEPING a unit.
# expect: you keep units with probability p instead of 1 - p
import numpy as np


def dropout_forward(X, p, rng, train=True):
    if not train:
        return X, None
    mask = (rng.random(np.shape(X)) < p) / (1.0 - p)
    return X * mask, mask
