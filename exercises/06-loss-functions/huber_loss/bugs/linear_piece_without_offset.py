# Bug: linear piece delta * |e| without the -delta/2 offset: the pieces jump at |e| = delta.
# expect: the pieces do not meet
import numpy as np


def huber_loss(pred, target, delta=1.0):
    e = pred - target
    a = np.abs(e)
    return float(np.mean(np.where(a <= delta, 0.5 * e**2, delta * a)))
