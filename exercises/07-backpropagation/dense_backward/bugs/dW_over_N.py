# Bug: divides dW by the batch size, although dout already holds the 1/N of a mean loss.
# expect: dW is N times too small
import numpy as np


def dense_backward(dout, X, W):
    N = X.shape[0]
    return dout @ W.T, X.T @ dout / N, dout.sum(axis=0)
