# Bug: dout *= mask overwrites the upstream gradient in the caller's array.
# expect: modified its input in place
import numpy as np


def dropout_backward(dout, mask):
    dout *= mask
    return dout
