import numpy as np


def leaky_relu(x, alpha=0.01):
    """Return x where x > 0 and alpha * x elsewhere (a new array)."""
    return np.where(x > 0, x, alpha * x)


def leaky_relu_grad(x, alpha=0.01):
    """Return 1.0 where x > 0 and alpha elsewhere (the slope at exactly 0 is alpha)."""
    return np.where(x > 0, 1.0, alpha)
