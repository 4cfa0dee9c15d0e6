# Bug: the linear activation's derivative returns z itself instead of ones.
# expect: at index (0,): expected 1.0, got -2.0
import numpy as np


def activation_grad(z, activation):
    if activation == "relu":
        return (z > 0).astype(float)
    if activation == "sigmoid":
        e = np.exp(-np.abs(z))
        s = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
        return s * (1 - s)
    if activation == "tanh":
        return 1 - np.tanh(z) ** 2
    if activation == "linear":
        return z
    raise ValueError(activation)


def softmax_jacobian(x):
    e = np.exp(x - x.max())
    p = e / e.sum()
    return np.diag(p) - np.outer(p, p)
