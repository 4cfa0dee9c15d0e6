# Bug: dW = dout.T @ X has shape (M, D), the transpose of W's shape.
# expect: dW is transposed
import numpy as np


def dense_backward(dout, X, W):
    return dout @ W.T, dout.T @ X, dout.sum(axis=0)
