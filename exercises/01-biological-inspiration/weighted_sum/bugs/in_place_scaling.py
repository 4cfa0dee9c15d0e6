# Bug: scales the input array in place (x *= w), so the caller's x is destroyed.
# expect: modified its input in place
import numpy as np


def weighted_sum(x, w, b):
    x *= w
    return float(x.sum() + b)
