import numpy as np


def policy_forward(X, params):
    """Action probabilities (N, A) of an MLP policy: ReLU hidden layers, softmax over logits."""
    A = X
    last = len(params) - 1
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        A = Z if i == last else np.maximum(Z, 0.0)  # the logits stay linear
    z = A - A.max(axis=-1, keepdims=True)  # (N, 1) broadcasts along each row
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
