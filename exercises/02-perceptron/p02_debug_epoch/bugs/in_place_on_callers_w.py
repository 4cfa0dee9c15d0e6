# Bug: predictions are now fresh, but w is updated in place, which changes the caller's array.
# expect: modified its input in place
import numpy as np


def perceptron_epoch(X, y, w, b, lr=1.0):
    mistakes = 0
    for i in range(len(X)):
        y_hat = 1 if np.dot(w, X[i]) + b >= 0 else 0
        error = y[i] - y_hat
        if error != 0:
            mistakes += 1
            w += lr * error * X[i]
            b = b + lr * error
    return w, b, mistakes
