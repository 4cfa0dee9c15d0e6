# Bug: the direct formula 1/(1+exp(-x)) overflows in np.exp for very negative x (right values, overflow warning).
# expect: called np.exp on 10000.0, which overflows to inf
import numpy as np


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)
