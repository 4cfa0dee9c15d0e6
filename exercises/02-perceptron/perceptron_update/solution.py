import numpy as np


def perceptron_update(x, y, w, b, lr):
    """Apply the perceptron rule for one example and return (w_new, b_new).

    x: (D,) input, y: label 0 or 1, w: (D,) weights, b: bias, lr: learning rate.
    """
    y_hat = 1 if np.dot(w, x) + b >= 0 else 0
    error = y - y_hat  # -1, 0 or +1
    w_new = w + lr * error * x  # a new array: the caller's w is untouched
    b_new = b + lr * error
    return w_new, b_new
