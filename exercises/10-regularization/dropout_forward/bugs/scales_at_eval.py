# Bug: mixes the two conventions: scales by 1/(1-p) in training AND by (1-p) at evaluation.
# expect: evaluation rule of the original (non-inverted) dropout
import numpy as np


def dropout_forward(X, p, rng, train=True):
    if not train:
        return X * (1.0 - p), None
    mask = (rng.random(np.shape(X)) >= p) / (1.0 - p)
    return X * mask, mask
