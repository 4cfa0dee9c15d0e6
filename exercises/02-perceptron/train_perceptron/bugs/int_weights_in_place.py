# Bug: zeros_like(X[0]) gives integer weights for integer X, and += then truncates fractional updates.
# expect: expected a float dtype, got int64
import numpy as np


def train_perceptron(X, y, lr=1.0, max_epochs=100):
    w = np.zeros_like(X[0])
    b = 0.0
    for _ in range(max_epochs):
        mistakes = 0
        for x_i, y_i in zip(X, y):
            error = y_i - (1 if np.dot(w, x_i) + b >= 0 else 0)
            if error != 0:
                mistakes += 1
                w += (lr * error * x_i).astype(w.dtype)
                b += lr * error
        if mistakes == 0:
            return w, b, True
    return w, b, False
