# Bug: adds the outer product instead of subtracting it: diag(p) + p p^T.
# expect: at index (0, 0): expected 0.25, got 0.75
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
        return np.ones_like(z, dtype=float)
    raise ValueError(activation)


def softmax_jacobian(x):
    e = np.exp(x - x.max())
    p = e / e.sum()
    return np.diag(p) + np.outer(p, p)
