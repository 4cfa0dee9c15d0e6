# Bug: returns the weighted sums themselves, not the thresholded classes.
# expect: expected an integer dtype, got float64
import numpy as np


def perceptron_predict(X, w, b):
    return X @ w + b
