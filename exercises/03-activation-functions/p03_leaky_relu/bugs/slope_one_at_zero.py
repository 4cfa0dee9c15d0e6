# Bug: uses x >= 0 in the derivative, so the kink at 0 gets slope 1 instead of alpha.
# expect: at index (1,): expected 0.01, got 1.0
import numpy as np


def leaky_relu(x, alpha=0.01):
    return np.where(x >= 0, x, alpha * x)


def leaky_relu_grad(x, alpha=0.01):
    return np.where(x >= 0, 1.0, alpha)
