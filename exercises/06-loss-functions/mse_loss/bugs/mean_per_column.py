# Bug: averages over axis 0 only, so an (N, 1) or (N, A) batch gives an array, not one number.
# expect: got an array of shape (1,)
import numpy as np


def mse_loss(pred, target):
    return np.mean((pred - target) ** 2, axis=0)
