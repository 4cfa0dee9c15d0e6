import numpy as np


def clip_grad_norm(grads, max_norm):
    """Scale all gradients by one factor so their global norm is at most max_norm.

    Returns (clipped, total_norm): a new list of arrays and the norm before clipping.
    """
    # TODO
    return grads, 0.0
