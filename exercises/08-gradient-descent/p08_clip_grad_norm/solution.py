import numpy as np


def clip_grad_norm(grads, max_norm):
    """Scale all gradients by one factor so their global norm is at most max_norm.

    Returns (clipped, total_norm): a new list of arrays and the norm before clipping.
    """
    total_norm = float(
        np.sqrt(sum(float(np.sum(g * g)) for g in grads))
    )  # all arrays as one vector
    c = min(1.0, max_norm / (total_norm + 1e-6))  # one factor keeps the direction
    return [c * g for g in grads], total_norm
