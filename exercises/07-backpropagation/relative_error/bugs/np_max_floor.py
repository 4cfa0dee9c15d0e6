# Bug: np.max(1e-8, ...) is a reduction (its second argument is the axis), not an elementwise maximum.
# expect: raised
import numpy as np


def relative_error(a, b):
    return float(np.max(np.abs(a - b) / np.max(1e-8, np.abs(a) + np.abs(b))))
