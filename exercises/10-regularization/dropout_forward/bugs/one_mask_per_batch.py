# Bug: draws one mask per feature and shares it across the batch: every sample loses the same units.
# expect: every row of your mask is the same
import numpy as np


def dropout_forward(X, p, rng, train=True):
    if not train:
        return X, None
    keep = rng.random(np.shape(X)[1:]) >= p
    mask = np.ones(np.shape(X)) * keep / (1.0 - p)
    return X * mask, mask
