# Bug: sums dout over the wrong axis (over the units instead of over the batch).
# expect: db of dense_backward: expected shape (3,), got (1,)
import numpy as np


def dense_backward(dout, X, W):
    return dout @ W.T, X.T @ dout, dout.sum(axis=1)
