import numpy as np


def relu(x):
    """Return max(0, x) elementwise as a new array of the same shape as x."""
    return np.maximum(x, 0.0)


def relu_grad(x):
    """Return the derivative of relu at x: 1.0 where x > 0, else 0.0 (same shape as x)."""
    return (np.asarray(x) > 0).astype(float)
