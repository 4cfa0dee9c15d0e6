# Bug: X *= mask applies the mask to the caller's array.
# expect: modified its input in place
import numpy as np


def dropout_forward(X, p, rng, train=True):
    if not train:
        return X, None
    mask = (rng.random(np.shape(X)) >= p) / (1.0 - p)
    X *= mask
    return X, mask
