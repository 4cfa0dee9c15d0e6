# Bug: returns d(out)/dX, the local derivative, and forgets to multiply by the upstream gradient.
# expect: Your result is the mask itself
import numpy as np


def dropout_backward(dout, mask):
    return mask.copy()
