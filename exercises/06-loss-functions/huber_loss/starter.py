import numpy as np


def huber_loss(pred, target, delta=1.0):
    """Mean Huber loss: 0.5 e^2 where |e| <= delta, delta * (|e| - delta / 2) elsewhere."""
    # TODO: the error, its absolute value, the right piece for each element, the mean.
    return 0.0
