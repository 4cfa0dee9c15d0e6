# Bug: np.sign gives the -1/0/+1 labelling (floats) instead of classes 0/1.
import numpy as np


def perceptron_predict(X, w, b):
    return np.sign(X @ w + b)
