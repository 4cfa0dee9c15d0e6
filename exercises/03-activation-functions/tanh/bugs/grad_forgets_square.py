# Bug: the derivative forgets the square: 1 - tanh(x) instead of 1 - tanh(x)**2.
# expect: at index (0,): expected 0.419974341614, got 1.76159415596
import numpy as np


def tanh(x):
    t = np.exp(-2.0 * np.abs(x))
    return np.sign(x) * (1.0 - t) / (1.0 + t)


def tanh_grad(x):
    return 1.0 - tanh(x)
