# Bug: the bias term is left out; only the dot product is returned.
import numpy as np


def weighted_sum(x, w, b):
    return float(np.dot(w, x))
