import numpy as np


def residual_block(x, W1, b1, W2, b2):
    """relu(x + relu(x @ W1 + b1) @ W2 + b2) for x (N, D), W1 (D, H), W2 (H, D)."""
    # TODO: the branch F(x) is two dense layers with a ReLU between them; the block adds
    # x back before the final ReLU.
    return np.array(x, dtype=float)
