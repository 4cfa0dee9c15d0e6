# Bug: answers "softmax" with the elementwise p * (1 - p) instead of raising ValueError; no max shift in the Jacobian.
# expect: expected ValueError to be raised, but nothing was
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
    if activation == "softmax":
        e = np.exp(z - z.max())
        p = e / e.sum()
        return p * (1 - p)
    raise ValueError(activation)


def softmax_jacobian(x):
    e = np.exp(x)
    p = e / e.sum()
    return np.diag(p) - np.outer(p, p)
