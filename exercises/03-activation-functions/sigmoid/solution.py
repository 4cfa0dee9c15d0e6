import numpy as np


def sigmoid(x):
    """Return 1 / (1 + exp(-x)) elementwise, without overflow for |x| up to 1e4."""
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))  # in (0, 1]: safe for every x
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_grad(x):
    """Return the derivative of the sigmoid at x, elementwise."""
    s = sigmoid(x)
    return s * (1.0 - s)
