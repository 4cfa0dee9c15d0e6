# Bug: forgets to add the bias b to the weighted sums.
# expect: at index (1,): expected -0.5, got -1.0
import numpy as np


def neuron_forward(x, W, b, activation):
    z = x @ W
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
    if activation == "linear":
        return z
    raise ValueError(f"unknown activation {activation!r}")
