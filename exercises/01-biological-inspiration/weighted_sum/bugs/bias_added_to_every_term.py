# Bug: the bias is broadcast onto every product before summing, so it is added D times.
# expect: expected -1.25, got -1.0
import numpy as np


def weighted_sum(x, w, b):
    return float(np.sum(w * x + b))
