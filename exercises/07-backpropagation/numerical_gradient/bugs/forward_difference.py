# Bug: the one-sided difference (f(x + eps) - f(x)) / eps, whose error is of order eps.
# expect: this is the one-sided difference
import numpy as np


def numerical_gradient(f, x, eps=1e-5):
    grad = np.zeros(x.shape)
    base = float(f(x))
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + eps
        grad[idx] = (float(f(x)) - base) / eps
        x[idx] = old
    return grad
