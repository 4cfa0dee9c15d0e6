# Bug: returns np.dot(w, x) + b unconverted, which is a NumPy integer for integer inputs.
# expect: expected a Python float or a NumPy float64, got numpy.int64
import numpy as np


def weighted_sum(x, w, b):
    return np.dot(w, x) + b
