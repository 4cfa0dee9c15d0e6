import numpy as np


def activation_grad(z, activation):
    """Return f'(z) elementwise for f in relu, sigmoid, tanh, linear; ValueError otherwise."""
    # TODO: one formula per activation; raise ValueError for any other name (softmax too).
    return np.ones_like(z, dtype=float)


def softmax_jacobian(x):
    """Return the (K, K) Jacobian d softmax(x)_i / d x_j for a 1-D logit vector x."""
    # TODO: diag(p) - outer(p, p) with a stable softmax p
    return np.eye(len(x))
