# Bug: the bias update forgets the learning rate.
# expect: expected -0.1, got -1.0
import numpy as np


def perceptron_update(x, y, w, b, lr):
    y_hat = 1 if np.dot(w, x) + b >= 0 else 0
    error = y - y_hat
    return w + lr * error * x, b + error
