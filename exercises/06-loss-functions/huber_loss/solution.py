import numpy as np


def huber_loss(pred, target, delta=1.0):
    """Mean Huber loss: 0.5 e^2 where |e| <= delta, delta * (|e| - delta / 2) elsewhere."""
    e = pred - target
    a = np.abs(e)
    c = np.minimum(a, delta)  # the error clipped to delta: never squares a huge number
    per_element = 0.5 * c**2 + delta * (a - c)
    return float(np.mean(per_element))
