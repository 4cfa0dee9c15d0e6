# Bug: passes the gradient straight through, as if nothing had been dropped.
# expect: Your result is dout unchanged
import numpy as np


def dropout_backward(dout, mask):
    return dout.copy()
