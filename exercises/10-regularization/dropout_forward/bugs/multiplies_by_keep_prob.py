# Bug: multiplies the kept units by (1 - p) instead of dividing, shrinking them twice over.
# expect: Your kept entries are (1-p)
import numpy as np


def dropout_forward(X, p, rng, train=True):
    if not train:
        return X, None
    mask = (rng.random(np.shape(X)) >= p) * (1.0 - p)
    return X * mask, mask
