import numpy as np


def _sigmoid(z):
    e = np.exp(-np.abs(z))  # never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _softmax(x):
    e = np.exp(x - np.max(x))
    return e / np.sum(e)


def activation_grad(z, activation):
    """Return f'(z) elementwise for f in relu, sigmoid, tanh, linear; ValueError otherwise."""
    if activation == "relu":
        return (z > 0).astype(float)
    if activation == "sigmoid":
        s = _sigmoid(z)
        return s * (1.0 - s)
    if activation == "tanh":
        return 1.0 - np.tanh(z) ** 2
    if activation == "linear":
        return np.ones_like(z, dtype=float)
    raise ValueError(f"no elementwise derivative for activation {activation!r}")


def softmax_jacobian(x):
    """Return the (K, K) Jacobian d softmax(x)_i / d x_j for a 1-D logit vector x."""
    p = _softmax(x)
    return np.diag(p) - np.outer(p, p)
