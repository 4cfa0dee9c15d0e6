# Bug: hard-codes eps = 1e-5 instead of using the argument.
# expect: at index (0, 0): expected 3.01
import numpy as np


def numerical_gradient(f, x, eps=1e-5):
    h = 1e-5
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + h
        f_plus = float(f(x))
        x[idx] = old - h
        f_minus = float(f(x))
        x[idx] = old
        grad[idx] = (f_plus - f_minus) / (2 * h)
    return grad
