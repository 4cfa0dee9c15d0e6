# Bug: computes all predictions once per epoch, so later samples are judged with stale weights.
# expect: at index (0,): expected 2.0, got 1.0
import numpy as np


def train_perceptron(X, y, lr=1.0, max_epochs=100):
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(max_epochs):
        y_hat = (X @ w + b >= 0).astype(int)
        mistakes = 0
        for i in range(len(X)):
            error = y[i] - y_hat[i]
            if error != 0:
                mistakes += 1
                w = w + lr * error * X[i]
                b = b + lr * error
        if mistakes == 0:
            return w, b, True
    return w, b, False
