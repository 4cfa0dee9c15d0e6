# Bug: updates w in place with +=, which changes the caller's weights (and fails for int w).
# expect: modified its input in place
import numpy as np


def perceptron_update(x, y, w, b, lr):
    y_hat = 1 if np.dot(w, x) + b >= 0 else 0
    error = y - y_hat
    w += lr * error * x
    b += lr * error
    return w, b
