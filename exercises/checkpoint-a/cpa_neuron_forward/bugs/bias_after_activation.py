# Bug: adds the bias after the activation, f(xW) + b, instead of f(xW + b).
# expect: at index (1,): expected 0.0, got 0.5
import numpy as np


def neuron_forward(x, W, b, activation):
    z = x @ W
    if activation == "relu":
        return np.maximum(z, 0.0) + b
    if activation == "sigmoid":
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1 / (1 + e), e / (1 + e)) + b
    if activation == "tanh":
        return np.tanh(z) + b
    if activation == "softmax":
        e = np.exp(z - z.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True) + b
    if activation == "linear":
        return z + b
    raise ValueError(f"unknown activation {activation!r}")
