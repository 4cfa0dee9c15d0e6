# Bug: the derivative forgets the square: 1 - tanh(x) instead of 1 - tanh(x)**2.
# expect: at index (0,): expected 0.419974341614, got 1.76159415596
import numpy as np


def tanh(x):
    return np.tanh(x)


def tanh_grad(x):
    return 1.0 - np.tanh(x)
