# Bug: (1 - e^{-2x}) / (1 + e^{-2x}) without the absolute value: e^{-2x} overflows for x << 0.
# expect: found NaN
import numpy as np


def tanh(x):
    t = np.exp(-2.0 * x)
    return (1.0 - t) / (1.0 + t)


def tanh_grad(x):
    t = tanh(x)
    return 1.0 - t * t
