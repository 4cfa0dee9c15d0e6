# Bug: always adds lr * (2y - 1) * x, even when the prediction is already right.
# expect: at index (0,): expected 1.0, got 3.0
import numpy as np


def perceptron_update(x, y, w, b, lr):
    sign = 2 * y - 1
    return w + lr * sign * x, b + lr * sign
