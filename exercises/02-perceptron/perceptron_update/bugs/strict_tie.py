# Bug: predicts with z > 0, so a tie counts as class 0 and the zero-weight start updates the wrong examples.
# expect: at index (0,): expected -1.0, got 0.0
import numpy as np


def perceptron_update(x, y, w, b, lr):
    y_hat = 1 if np.dot(w, x) + b > 0 else 0
    error = y - y_hat
    return w + lr * error * x, b + lr * error
