import numpy as np


def dense_forward(X, W, b):
    """Pre-activations Z = X W + b of one dense layer: X (N, D), W (D, M), b (M,) -> (N, M)."""
    return np.asarray(X) @ W + b  # (N, D) @ (D, M) -> (N, M); b (M,) broadcasts over the rows
