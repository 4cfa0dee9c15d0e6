# Bug: makes a fresh generator with a fixed seed on every call, so every step drops the same units.
# expect: two calls with the same generator gave identical masks
import numpy as np


def dropout_forward(X, p, rng, train=True):
    if not train:
        return X, None
    rng = np.random.default_rng(0)
    mask = (rng.random(np.shape(X)) >= p) / (1.0 - p)
    return X * mask, mask
