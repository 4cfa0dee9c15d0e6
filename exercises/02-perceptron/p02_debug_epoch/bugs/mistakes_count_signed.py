# Bug: predictions are fresh, but mistakes adds the signed error, so +1 and -1 cancel.
# expect: expected 1, got -1
import numpy as np


def perceptron_epoch(X, y, w, b, lr=1.0):
    w = w.astype(float)
    mistakes = 0
    for i in range(len(X)):
        y_hat = 1 if np.dot(w, X[i]) + b >= 0 else 0
        error = y[i] - y_hat
        mistakes += error
        w = w + lr * error * X[i]
        b = b + lr * error
    return w, b, mistakes
