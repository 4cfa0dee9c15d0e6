# Bug: no ReLU between the two dense layers, so the branch is linear.
# expect: the ReLU between the two dense layers is missing
import numpy as np


def residual_block(x, W1, b1, W2, b2):
    """relu(x + relu(x @ W1 + b1) @ W2 + b2) for x (N, D), W1 (D, H), W2 (H, D)."""
    h = x @ W1 + b1  # (N, H)
    f = h @ W2 + b2  # (N, D): the residual branch F(x)
    return np.maximum(x + f, 0.0)  # the skip adds x back, then the outer ReLU
