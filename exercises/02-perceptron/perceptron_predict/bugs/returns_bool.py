# Bug: returns the boolean comparison instead of an integer array of 0/1.
# expect: expected an integer dtype, got bool
import numpy as np


def perceptron_predict(X, w, b):
    return X @ w + b >= 0
