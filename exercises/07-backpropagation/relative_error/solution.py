import numpy as np


def relative_error(a, b):
    """max over entries of |a - b| / max(1e-8, |a| + |b|)."""
    num = np.abs(a - b)
    den = np.maximum(1e-8, np.abs(a) + np.abs(b))  # the floor keeps 0 vs 0 from being 0/0
    return float(np.max(num / den))
