# Bug: clamps the negative entries of the caller's array in place and returns it.
# expect: modified its input in place
import numpy as np


def relu(x):
    x[x < 0] = 0.0
    return x


def relu_grad(x):
    return (x > 0).astype(float)
