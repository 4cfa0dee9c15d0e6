# Bug: gates on the sign of the upstream gradient instead of the sign of Z.
# expect: at index (0, 1): expected -2.0, got 0.0
import numpy as np


def relu_backward(dout, Z):
    return np.where(dout > 0, dout, 0.0)
