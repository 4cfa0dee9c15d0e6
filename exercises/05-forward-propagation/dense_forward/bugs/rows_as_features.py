# Bug: treats the columns of X as samples (W.T @ X.T) and returns the (M, N) result untransposed.
# expect: transposed
import numpy as np


def dense_forward(X, W, b):
    return W.T @ X.T + b[:, None]
