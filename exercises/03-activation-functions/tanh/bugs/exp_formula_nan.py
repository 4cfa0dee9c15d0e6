# Bug: the textbook exponential formula gives inf / inf = nan once |x| > 709.78.
# expect: found NaN
import numpy as np


def tanh(x):
    return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))


def tanh_grad(x):
    t = tanh(x)
    return 1.0 - t**2
