# Bug: np.sign gives the -1/0/+1 labelling (floats) instead of classes 0/1.
# expect: expected an integer dtype, got float64
import numpy as np


def perceptron_predict(X, w, b):
    return np.sign(X @ w + b)
