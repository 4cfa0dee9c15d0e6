# Bug: forgets to put the entry back, so x ends at x - eps and later entries see a shifted x.
# expect: must leave x holding its original values
import numpy as np


def numerical_gradient(f, x, eps=1e-5):
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + eps
        f_plus = float(f(x))
        x[idx] = old - eps
        f_minus = float(f(x))
        grad[idx] = (f_plus - f_minus) / (2 * eps)
    return grad
