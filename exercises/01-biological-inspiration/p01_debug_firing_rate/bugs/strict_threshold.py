# Bug: the axis is fixed but the comparison became strict, so a sum of exactly 0 does not fire.
import numpy as np


def firing_rate(X, w, b):
    return float(np.mean(X @ w + b > 0))
