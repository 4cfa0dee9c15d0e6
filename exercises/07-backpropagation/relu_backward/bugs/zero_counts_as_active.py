# Bug: Z >= 0, so a unit exactly at 0 passes the gradient.
# expect: at index (0, 0): expected 0.0, got 5.0
import numpy as np


def relu_backward(dout, Z):
    return np.where(Z >= 0, dout, 0.0)
