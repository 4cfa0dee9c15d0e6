# Bug: draws from NumPy's global random state and ignores the rng argument, so a seed reproduces nothing.
# expect: two generators in the same state
import numpy as np


def dropout_forward(X, p, rng, train=True):
    if not train:
        return X, None
    mask = (np.random.random(np.shape(X)) >= p) / (1.0 - p)
    return X * mask, mask
