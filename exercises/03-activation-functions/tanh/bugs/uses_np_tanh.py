# Bug: calls NumPy's own np.tanh, which this exercise rules out (the work is building it).
# expect: np.tanh is not allowed in this exercise
import numpy as np


def tanh(x):
    return np.tanh(x)


def tanh_grad(x):
    t = np.tanh(x)
    return 1.0 - t * t
