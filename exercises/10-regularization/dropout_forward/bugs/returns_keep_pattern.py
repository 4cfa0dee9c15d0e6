# Bug: the output is scaled correctly, but the returned mask is the 0/1 keep pattern, so out != X * mask
# and a backward pass that multiplies by the mask would miss the 1/(1-p).
# expect: Your mask holds only 0 and 1
import numpy as np


def dropout_forward(X, p, rng, train=True):
    if not train:
        return X, None
    keep = (rng.random(np.shape(X)) >= p).astype(float)
    return X * keep / (1.0 - p), keep
