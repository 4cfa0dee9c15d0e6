# Bug: zeroes the blocked entries in the caller's dout array.
# expect: modified its input in place
import numpy as np


def relu_backward(dout, Z):
    dout[Z <= 0] = 0.0
    return dout
