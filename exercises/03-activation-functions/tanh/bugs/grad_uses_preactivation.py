# Bug: applies 1 - t**2 to the pre-activation x instead of to tanh(x).
# expect: at index (0,): expected 0.419974341614, got 0.0
import numpy as np


def tanh(x):
    t = np.exp(-2.0 * np.abs(x))
    return np.sign(x) * (1.0 - t) / (1.0 + t)


def tanh_grad(x):
    return 1.0 - x**2
