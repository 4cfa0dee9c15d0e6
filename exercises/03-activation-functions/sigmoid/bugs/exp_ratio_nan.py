# Bug: exp(x) / (1 + exp(x)) is inf / inf = nan for large positive x.
# expect: found NaN
import numpy as np


def sigmoid(x):
    e = np.exp(x)
    return e / (1.0 + e)


def sigmoid_grad(x):
    s = sigmoid(x)
    return s * (1.0 - s)
