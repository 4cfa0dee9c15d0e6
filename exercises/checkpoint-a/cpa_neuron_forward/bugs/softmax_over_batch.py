# Bug: softmax normalises over axis 0 (the batch) instead of over the neurons.
# expect: expected 0.0353260900894, got 0.3684876
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
        e = np.exp(z - z.max(axis=0, keepdims=True))
        return e / e.sum(axis=0, keepdims=True)
    if activation == "linear":
        return z
    raise ValueError(f"unknown activation {activation!r}")
