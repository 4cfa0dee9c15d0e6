import numpy as np


def perceptron_update(x, y, w, b, lr):
    """Apply the perceptron rule for one example and return (w_new, b_new).

    x: (D,) input, y: label 0 or 1, w: (D,) weights, b: bias, lr: learning rate.
    """
    # TODO: predict (ties are class 1), compute the error y - y_hat, update w and b.
    return w, b
