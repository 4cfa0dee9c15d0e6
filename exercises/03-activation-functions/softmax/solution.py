import numpy as np


def softmax(x, axis=-1):
    """Return exp(x) normalised to sum to 1 along `axis` (stable for entries of 1e4)."""
    z = x - np.max(x, axis=axis, keepdims=True)  # largest exponent is 0: no overflow
    e = np.exp(z)
    return e / np.sum(e, axis=axis, keepdims=True)
