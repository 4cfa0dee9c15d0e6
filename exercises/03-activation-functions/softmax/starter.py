import numpy as np


def softmax(x, axis=-1):
    """Return exp(x) normalised to sum to 1 along `axis` (stable for entries of 1e4)."""
    # TODO: shift by the maximum along `axis`, exponentiate, divide by the sum along `axis`.
    return np.exp(x)
