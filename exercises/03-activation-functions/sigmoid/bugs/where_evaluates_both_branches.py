# Bug: np.where computes both branches for every entry, so the unsafe exponentials still overflow.
# expect: called np.exp on 10000.0, which overflows to inf
import numpy as np


def sigmoid(x):
    return np.where(x >= 0, 1.0 / (1.0 + np.exp(-x)), np.exp(x) / (1.0 + np.exp(x)))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)
