# Bug: loops over range(len(x)) and perturbs x[i], a whole row of a 2-D x, at once.
# expect: expected 0.6, got 2.2
import numpy as np


def numerical_gradient(f, x, eps=1e-5):
    grad = np.zeros(x.shape)
    for i in range(len(x)):
        old = x[i].copy() if np.ndim(x[i]) else x[i]
        x[i] = old + eps
        f_plus = float(f(x))
        x[i] = old - eps
        f_minus = float(f(x))
        x[i] = old
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad
