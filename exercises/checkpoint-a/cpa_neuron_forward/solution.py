import numpy as np


def relu(z):
    return np.maximum(z, 0.0)


def sigmoid(z):
    e = np.exp(-np.abs(z))  # never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def softmax(z, axis=-1):
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


ACTIVATIONS = {
    "relu": relu,
    "sigmoid": sigmoid,
    "tanh": np.tanh,
    "softmax": softmax,
    "linear": lambda z: z,
}


def neuron_forward(x, W, b, activation):
    """Return f(x @ W + b) for activation f in relu, sigmoid, tanh, softmax, linear.

    x: (D,) or (N, D); W: (D, M); b: (M,). Returns (M,) or (N, M).
    Raises ValueError for an unknown activation name.
    """
    if activation not in ACTIVATIONS:
        raise ValueError(f"unknown activation {activation!r}")
    z = x @ W + b  # (M,) or (N, M)
    return ACTIVATIONS[activation](z)
