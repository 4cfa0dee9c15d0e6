import numpy as np


def relu(z):
    return np.maximum(z, 0.0)


def q_forward(X, params):
    """Q-values (N, A) of a Q-network with ReLU hidden layers for a batch of states X (N, D)."""
    A = X
    for W, b in params:
        A = relu(A @ W + b)
    return A
