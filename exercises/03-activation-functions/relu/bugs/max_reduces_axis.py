# Bug: np.max(x, 0) reduces along axis 0 instead of taking the elementwise maximum with 0.
# expect: expected shape (5,), got ()
import numpy as np


def relu(x):
    return np.max(x, 0)


def relu_grad(x):
    return (x > 0).astype(float)
