import numpy as np


def perceptron_epoch(X, y, w, b, lr=1.0):
    """Run one epoch of the perceptron rule over the rows of X in order.

    Returns (w_new, b_new, mistakes); the caller's w is not modified.
    """
    w = w.astype(float)
    y_hat = (X @ w + b >= 0).astype(int)  # predictions for the whole epoch, computed once
    mistakes = 0
    for i in range(len(X)):
        error = y[i] - y_hat[i]
        if error != 0:
            mistakes += 1
            w = w + lr * error * X[i]
            b = b + lr * error
    return w, b, mistakes
