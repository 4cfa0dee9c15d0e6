# Bug: ignores the alpha argument and always uses 0.01.
# expect: at index (0,): expected 0.3, got 0.01
import numpy as np


def leaky_relu(x, alpha=0.01):
    return np.where(x > 0, x, 0.01 * x)


def leaky_relu_grad(x, alpha=0.01):
    return np.where(x > 0, 1.0, 0.01)
