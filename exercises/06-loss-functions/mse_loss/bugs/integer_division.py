# Bug: floor division rounds the mean down for integer inputs.
# expect: int64 [1, 2, 3, 4]
import numpy as np


def mse_loss(pred, target):
    diff = pred - target
    return np.sum(diff * diff) // diff.size
