# Bug: the bias term is left out; only the dot product is returned.
# expect: expected -1.25, got -1.5
import numpy as np


def weighted_sum(x, w, b):
    return float(np.dot(w, x))
