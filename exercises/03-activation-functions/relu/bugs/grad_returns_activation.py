# Bug: relu_grad returns relu(x) (the output) instead of the slope 0/1.
# expect: at index (3,): expected 1.0, got 1e-12
import numpy as np


def relu(x):
    return np.maximum(x, 0.0)


def relu_grad(x):
    return np.maximum(x, 0.0)
