# Bug: reuses the sigmoid's derivative formula t * (1 - t) for tanh.
# expect: at index (0,): expected 0.419974341614, got -1.34161981434
import numpy as np


def tanh(x):
    return np.tanh(x)


def tanh_grad(x):
    t = np.tanh(x)
    return t * (1.0 - t)
