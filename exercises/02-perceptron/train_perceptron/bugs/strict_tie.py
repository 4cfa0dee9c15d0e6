# Bug: predicts with z > 0, so ties (every sum at the zero start) count as class 0.
# expect: expected -3.0, got -2.0
import numpy as np


def train_perceptron(X, y, lr=1.0, max_epochs=100):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(max_epochs):
        mistakes = 0
        for x_i, y_i in zip(X, y):
            error = y_i - (1 if np.dot(w, x_i) + b > 0 else 0)
            if error != 0:
                mistakes += 1
                w = w + lr * error * x_i
                b = b + lr * error
        if mistakes == 0:
            return w, b, True
    return w, b, False
