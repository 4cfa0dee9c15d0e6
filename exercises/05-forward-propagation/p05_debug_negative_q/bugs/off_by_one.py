# Wrong fix: skips the ReLU on the last hidden layer as well as on the output layer.
# expect: still need their ReLU
import numpy as np


def relu(z):
    return np.maximum(z, 0.0)


def q_forward(X, params):
    A = X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        A = relu(Z) if i < len(params) - 2 else Z
    return A
