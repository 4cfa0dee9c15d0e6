# Bug: applies 1 - t**2 to the pre-activation x instead of to tanh(x).
# expect: at index (0,): expected 0.419974341614, got 0.0
import numpy as np


def tanh(x):
    return np.tanh(x)


def tanh_grad(x):
    return 1.0 - x**2
