# Bug: averages dout over the batch for db, dividing by N a second time.
# expect: db is N times too small
import numpy as np


def dense_backward(dout, X, W):
    return dout @ W.T, X.T @ dout, dout.mean(axis=0)
