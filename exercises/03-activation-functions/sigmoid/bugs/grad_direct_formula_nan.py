# Bug: the derivative written as exp(-x) / (1 + exp(-x))**2 is inf / inf = nan for very negative x.
# expect: called np.exp on 10000.0, which overflows to inf
import numpy as np


def sigmoid(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_grad(x):
    e = np.exp(-x)
    return e / (1.0 + e) ** 2
