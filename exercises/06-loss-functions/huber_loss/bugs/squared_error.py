# Bug: plain 0.5 * squared error; large errors are not switched to the linear piece.
# expect: errors beyond delta use the linear piece
import numpy as np


def huber_loss(pred, target, delta=1.0):
    return float(np.mean(0.5 * (pred - target) ** 2))
