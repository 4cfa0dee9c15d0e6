import numpy as np


def relu(z):
    return np.maximum(z, 0.0)


def q_forward(X, params):
    """Q-values (N, A) of a Q-network with ReLU hidden layers for a batch of states X (N, D)."""
    A = X
    last = len(params) - 1
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        A = Z if i == last else relu(Z)  # the output layer is linear: Q-values can be negative
    return A
