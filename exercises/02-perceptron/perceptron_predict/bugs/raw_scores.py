# Bug: returns the weighted sums themselves, not the thresholded classes.
import numpy as np


def perceptron_predict(X, w, b):
    return X @ w + b
