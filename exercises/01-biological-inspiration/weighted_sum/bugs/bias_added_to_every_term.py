# Bug: the bias is broadcast onto every product before summing, so it is added D times.
import numpy as np


def weighted_sum(x, w, b):
    return float(np.sum(w * x + b))
