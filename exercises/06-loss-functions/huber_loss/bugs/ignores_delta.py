# Bug: the boundary is hard-coded at 1, so the delta argument has no effect.
# expect: use the delta argument
import numpy as np


def huber_loss(pred, target, delta=1.0):
    e = pred - target
    a = np.abs(e)
    return float(np.mean(np.where(a <= 1.0, 0.5 * e**2, a - 0.5)))
