# Bug: uses > 0, so rows whose sum is exactly 0 are predicted as class 0.
# expect: at index (0,): expected 1, got 0
import numpy as np


def perceptron_predict(X, w, b):
    return (X @ w + b > 0).astype(int)
