# Bug: zeroes the dropped units but forgets that the kept ones were scaled by 1/(1-p).
# expect: without the factor
import numpy as np


def dropout_backward(dout, mask):
    return dout * (mask != 0)
