# Bug: dX = dout @ W: a shape error for most layers, and wrong values for a square one.
# expect: dX uses W where W.T belongs
import numpy as np


def dense_backward(dout, X, W):
    return dout @ W, X.T @ dout, dout.sum(axis=0)
