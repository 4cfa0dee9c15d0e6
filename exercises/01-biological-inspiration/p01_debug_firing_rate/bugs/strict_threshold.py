# Bug: the axis is fixed but the comparison became strict, so a sum of exactly 0 does not fire.
# expect: expected 1.0, got 0.0
import numpy as np


def firing_rate(X, w, b):
    return float(np.mean(X @ w + b > 0))
