# Bug: divides by |a + b| instead of |a| + |b|, which is 0 for opposite signs.
# expect: expected 1.0
import numpy as np


def relative_error(a, b):
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a + b))))
