# Bug: perturbs a copy of x, so an f that reads the weights through params sees no change.
# expect: Perturb x itself
import numpy as np


def numerical_gradient(f, x, eps=1e-5):
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        plus = x.copy()
        minus = x.copy()
        plus[idx] += eps
        minus[idx] -= eps
        grad[idx] = (float(f(plus)) - float(f(minus))) / (2 * eps)
    return grad
