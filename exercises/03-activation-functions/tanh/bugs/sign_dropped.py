# Bug: the stable form of tanh for |x|, but the sign of x is never put back.
# expect: at index (0,): expected -0.761594155956, got 0.761594155956
import numpy as np


def tanh(x):
    t = np.exp(-2.0 * np.abs(x))
    return (1.0 - t) / (1.0 + t)


def tanh_grad(x):
    t = tanh(x)
    return 1.0 - t * t
