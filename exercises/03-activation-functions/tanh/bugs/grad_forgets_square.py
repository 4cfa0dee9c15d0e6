# Bug: the derivative forgets the square: 1 - tanh(x) instead of 1 - tanh(x)**2.
import numpy as np


def tanh(x):
    return np.tanh(x)


def tanh_grad(x):
    return 1.0 - np.tanh(x)
