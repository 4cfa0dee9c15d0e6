# Bug: treats softmax as elementwise: returns only diag(p * (1 - p)), missing the -p_i p_j cross terms.
# expect: at index (0, 1): expected -0.25, got 0.0
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
    return np.diag(p * (1 - p))
