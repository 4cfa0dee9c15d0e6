# Bug: uses x1 + x2 as the third feature, which is a linear combination and does not help.
# expect: at index (1, 2): expected 0.0, got 1.0
import numpy as np


def xor_features(X):
    return np.column_stack([X[:, 0], X[:, 1], X[:, 0] + X[:, 1]]).astype(float)


def xor_weights():
    return np.array([1.0, 1.0, -2.0]), -0.5
