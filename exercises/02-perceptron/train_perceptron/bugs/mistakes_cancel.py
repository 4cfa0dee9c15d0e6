# Bug: sums the signed errors, so a +1 and a -1 mistake in one epoch cancel and look like convergence.
# expect: at index (0,): expected 2.0, got 1.0
import numpy as np


def train_perceptron(X, y, lr=1.0, max_epochs=100):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(max_epochs):
        total_error = 0
        for x_i, y_i in zip(X, y):
            error = y_i - (1 if np.dot(w, x_i) + b >= 0 else 0)
            total_error += error
            w = w + lr * error * x_i
            b = b + lr * error
        if total_error == 0:
            return w, b, True
    return w, b, False
