# Bug: undoes the perturbation with += and -=, so rounding leaves some entries off by one ulp.
# expect: must leave x holding its original values
import numpy as np


def numerical_gradient(f, x, eps=1e-5):
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        x[idx] += eps
        f_plus = float(f(x))
        x[idx] -= 2 * eps
        f_minus = float(f(x))
        x[idx] += eps
        grad[idx] = (f_plus - f_minus) / (2 * eps)
    return grad
