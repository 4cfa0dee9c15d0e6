# Bug: returns the local derivative relu'(Z) and forgets to multiply it by dout.
# expect: at index (0, 1): expected -2.0, got 1.0
import numpy as np


def relu_backward(dout, Z):
    return (Z > 0).astype(float)
