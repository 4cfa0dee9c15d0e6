# Bug: sums over the elements instead of averaging (torch's huber_loss uses the mean).
# expect: the loss is their mean
import numpy as np


def huber_loss(pred, target, delta=1.0):
    e = pred - target
    a = np.abs(e)
    return float(np.sum(np.where(a <= delta, 0.5 * e**2, delta * (a - 0.5 * delta))))
