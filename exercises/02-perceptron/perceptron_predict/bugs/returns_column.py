# Bug: treats w as a column, so the result has shape (N, 1) instead of (N,).
# expect: expected shape (3,), got (3, 1)
import numpy as np


def perceptron_predict(X, w, b):
    return (X @ w.reshape(-1, 1) + b >= 0).astype(int)
