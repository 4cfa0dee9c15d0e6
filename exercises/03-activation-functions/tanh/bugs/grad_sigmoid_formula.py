# Bug: reuses the sigmoid's derivative formula t * (1 - t) for tanh.
# expect: at index (0,): expected 0.419974341614, got -1.34161981434
import numpy as np


def tanh(x):
    t = np.exp(-2.0 * np.abs(x))
    return np.sign(x) * (1.0 - t) / (1.0 + t)


def tanh_grad(x):
    t = tanh(x)
    return t * (1.0 - t)
