# Bug: the sigmoid uses 1 / (1 + exp(-z)), which overflows for pre-activations near -1e4.
# expect: called np.exp on 10000.0, which overflows
import numpy as np


def neuron_forward(x, W, b, activation):
    z = x @ W + b
    if activation == "relu":
        return np.maximum(z, 0.0)
    if activation == "sigmoid":
        return 1.0 / (1.0 + np.exp(-z))
    if activation == "tanh":
        return np.tanh(z)
    if activation == "softmax":
        e = np.exp(z - z.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)
    if activation == "linear":
        return z
    raise ValueError(f"unknown activation {activation!r}")
