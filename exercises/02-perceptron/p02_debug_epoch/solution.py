import numpy as np


def perceptron_epoch(X, y, w, b, lr=1.0):
    """Run one epoch of the perceptron rule over the rows of X in order.

    Returns (w_new, b_new, mistakes); the caller's w is not modified.
    """
    w = w.astype(float)  # a new float array: the caller's w is safe
    mistakes = 0
    for i in range(len(X)):
        y_hat = 1 if np.dot(w, X[i]) + b >= 0 else 0  # judged with the current weights
        error = y[i] - y_hat
        if error != 0:
            mistakes += 1
            w = w + lr * error * X[i]
            b = b + lr * error
    return w, b, mistakes
