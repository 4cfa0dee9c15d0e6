# Bug: the sigmoid derivative applies s * (1 - s) to z itself, and relu uses z >= 0.
# expect: at index (1,): expected 0.0, got 1.0
import numpy as np


def activation_grad(z, activation):
    if activation == "relu":
        return (z >= 0).astype(float)
    if activation == "sigmoid":
        return z * (1 - z)
    if activation == "tanh":
        return 1 - np.tanh(z) ** 2
    if activation == "linear":
        return np.ones_like(z, dtype=float)
    raise ValueError(activation)


def softmax_jacobian(x):
    e = np.exp(x - x.max())
    p = e / e.sum()
    return np.diag(p) - np.outer(p, p)
