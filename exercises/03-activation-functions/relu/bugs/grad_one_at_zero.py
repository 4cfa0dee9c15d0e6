# Bug: uses x >= 0 in the derivative, so the kink at exactly 0 gets slope 1 instead of 0.
# expect: at index (2,): expected 0.0, got 1.0
import numpy as np


def relu(x):
    return np.maximum(x, 0.0)


def relu_grad(x):
    return (x >= 0).astype(float)
