# Bug: uses y_hat - y as the error, so every update moves the wrong way.
# expect: at index (0,): expected 0.4, got 0.6
import numpy as np


def perceptron_update(x, y, w, b, lr):
    y_hat = 1 if np.dot(w, x) + b >= 0 else 0
    error = y_hat - y
    return w + lr * error * x, b + lr * error
