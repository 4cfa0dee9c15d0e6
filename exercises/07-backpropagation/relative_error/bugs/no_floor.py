# Bug: no 1e-8 floor: two zero gradients give 0/0 = nan.
# expect: expected 0.0, got nan
import numpy as np


def relative_error(a, b):
    with np.errstate(invalid="ignore", divide="ignore"):
        return float(np.max(np.abs(a - b) / (np.abs(a) + np.abs(b))))
