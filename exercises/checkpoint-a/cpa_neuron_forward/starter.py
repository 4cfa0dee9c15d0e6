import numpy as np


def neuron_forward(x, W, b, activation):
    """Return f(x @ W + b) for activation f in relu, sigmoid, tanh, softmax, linear.

    x: (D,) or (N, D); W: (D, M); b: (M,). Returns (M,) or (N, M).
    Raises ValueError for an unknown activation name.
    """
    z = x @ W + b  # (M,) or (N, M)
    # TODO: apply the activation named by `activation` (stably), or raise ValueError.
    return z
