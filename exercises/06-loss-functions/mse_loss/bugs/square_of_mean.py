# Bug: squares the mean error; positive and negative errors cancel before squaring.
# expect: expected 1.3333
import numpy as np


def mse_loss(pred, target):
    return float(np.mean(pred - target) ** 2)
