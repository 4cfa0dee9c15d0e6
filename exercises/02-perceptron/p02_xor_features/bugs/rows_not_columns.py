# Bug: stacks the features as rows (shape (3, N)) instead of columns (shape (N, 3)).
# expect: expected shape (4, 3), got (3, 4)
import numpy as np


def xor_features(X):
    return np.vstack([X[:, 0], X[:, 1], X[:, 0] * X[:, 1]]).astype(float)


def xor_weights():
    return np.array([1.0, 1.0, -2.0]), -0.5
