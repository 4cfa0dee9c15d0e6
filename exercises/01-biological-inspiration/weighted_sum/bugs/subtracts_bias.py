# Bug: the bias is treated as a threshold and subtracted instead of added.
# expect: expected -1.25, got -1.75
import numpy as np


def weighted_sum(x, w, b):
    return float(np.dot(w, x) - b)
