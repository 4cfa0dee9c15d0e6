# Bug: elementwise products plus bias are returned as an array; the evidence is never summed.
# expect: expected a float, got numpy.ndarray
import numpy as np


def weighted_sum(x, w, b):
    return w * x + b
