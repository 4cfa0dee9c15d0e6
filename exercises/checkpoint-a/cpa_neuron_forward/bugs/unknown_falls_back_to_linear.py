# Bug: an unknown activation name silently returns the linear pre-activations instead of raising.
# expect: expected ValueError to be raised, but nothing was
import numpy as np


def neuron_forward(x, W, b, activation):
    z = x @ W + b
    if activation == "relu":
        return np.maximum(z, 0.0)
    if activation == "sigmoid":
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    if activation == "tanh":
        return np.tanh(z)
    if activation == "softmax":
        e = np.exp(z - z.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)
    return z
