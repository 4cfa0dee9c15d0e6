import numpy as np


def mse_loss(pred, target):
    """Mean of (pred - target) ** 2 over all elements, as one float."""
    # TODO: square the differences and average over every element.
    return 0.0
