# Bug: quadratic piece e**2 instead of 0.5 * e**2 (and a matching linear piece): twice the loss.
# expect: twice the Huber loss
import numpy as np


def huber_loss(pred, target, delta=1.0):
    e = pred - target
    a = np.abs(e)
    return float(np.mean(np.where(a <= delta, e**2, 2 * delta * a - delta**2)))
