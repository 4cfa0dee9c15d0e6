# Bug: the bias is treated as a threshold and subtracted instead of added.
import numpy as np


def weighted_sum(x, w, b):
    return float(np.dot(w, x) - b)
