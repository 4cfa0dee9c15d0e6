# Bug: pred -= target changes the caller's predictions.
# expect: modified its input in place
import numpy as np


def mse_loss(pred, target):
    pred -= target
    return float(np.mean(pred**2))
