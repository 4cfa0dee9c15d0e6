# Bug: applies the s * (1 - s) formula to the pre-activation x instead of to sigmoid(x).
# expect: at index (0,): expected 0.104993585404, got -6.0
import numpy as np


def sigmoid(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_grad(x):
    return x * (1.0 - x)
