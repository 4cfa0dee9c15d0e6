# Bug: prefetches the next row's prediction before the current row's update is applied,
# so every row after a mistake is still judged with weights one step out of date.
# expect: expected 1, got 2
import numpy as np


def perceptron_epoch(X, y, w, b, lr=1.0):
    w = w.astype(float)
    mistakes = 0
    y_hat_next = 1 if np.dot(w, X[0]) + b >= 0 else 0
    for i in range(len(X)):
        y_hat = y_hat_next
        if i + 1 < len(X):
            y_hat_next = 1 if np.dot(w, X[i + 1]) + b >= 0 else 0
        error = y[i] - y_hat
        if error != 0:
            mistakes += 1
            w = w + lr * error * X[i]
            b = b + lr * error
    return w, b, mistakes
