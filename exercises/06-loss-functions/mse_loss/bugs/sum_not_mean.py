# Bug: returns the sum of squared errors; its scale grows with the batch size.
# expect: expected 1.3333
import numpy as np


def mse_loss(pred, target):
    return float(np.sum((pred - target) ** 2))
