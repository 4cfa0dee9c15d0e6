# Bug: divides by delta, which is smooth_l1_loss(beta=delta); equal to Huber only for delta = 1.
# expect: that is smooth_l1_loss
import numpy as np


def huber_loss(pred, target, delta=1.0):
    e = pred - target
    a = np.abs(e)
    return float(np.mean(np.where(a <= delta, 0.5 * e**2 / delta, a - 0.5 * delta)))
