# Bug: relu_grad returns the boolean mask x > 0 itself, not floats; `dout * mask` works, but
# `-mask` or `mask - other_mask` raise TypeError, and the contract asks for 1.0 / 0.0.
# expect: expected a float dtype, got bool
import numpy as np


def relu(x):
    return np.maximum(x, 0.0)


def relu_grad(x):
    return x > 0
