import numpy as np


def sigmoid(x):
    """Return 1 / (1 + exp(-x)) elementwise, without overflow for |x| up to 1e4."""
    # TODO: the direct formula overflows in np.exp for very negative x. Make it stable.
    return 1.0 / (1.0 + np.exp(-x))


def sigmoid_grad(x):
    """Return the derivative of the sigmoid at x, elementwise."""
    # TODO: express the derivative with sigmoid(x).
    return sigmoid(x)
