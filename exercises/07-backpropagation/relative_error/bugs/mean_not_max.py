# Bug: averages the entries, so one wrong entry among many right ones is hidden.
# expect: expected 0.047619047619
import numpy as np


def relative_error(a, b):
    return float(np.mean(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))
