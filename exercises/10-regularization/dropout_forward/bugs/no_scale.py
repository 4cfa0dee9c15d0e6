# Bug: drops units but never scales the kept ones, so the layer's output shrinks by (1 - p) in training.
# expect: Your mask holds only 0 and 1
import numpy as np


def dropout_forward(X, p, rng, train=True):
    if not train:
        return X, None
    mask = (rng.random(np.shape(X)) >= p).astype(float)
    return X * mask, mask
