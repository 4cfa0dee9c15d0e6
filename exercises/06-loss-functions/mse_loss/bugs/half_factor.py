# Bug: the 1/2 convention of some textbooks; this function is the plain mean.
# expect: expected 1.3333
import numpy as np


def mse_loss(pred, target):
    return float(0.5 * np.mean((pred - target) ** 2))
