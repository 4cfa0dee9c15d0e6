# Bug: uses x >= 0 in the derivative, so the kink at exactly 0 gets slope 1 instead of 0.
import numpy as np


def relu(x):
    return np.maximum(x, 0.0)


def relu_grad(x):
    return (x >= 0).astype(float)
