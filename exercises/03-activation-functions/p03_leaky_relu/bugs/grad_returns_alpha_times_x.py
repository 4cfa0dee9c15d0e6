# Bug: the derivative returns alpha * x on the left instead of the constant slope alpha.
# expect: at index (0,): expected 0.01, got -0.03
import numpy as np


def leaky_relu(x, alpha=0.01):
    return np.where(x > 0, x, alpha * x)


def leaky_relu_grad(x, alpha=0.01):
    return np.where(x > 0, 1.0, alpha * x)
