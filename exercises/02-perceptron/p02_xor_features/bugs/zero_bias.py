# Bug: bias 0 makes the input (0, 0) a tie, and ties fire, so XOR(0, 0) comes out as 1.
# expect: the sum is 0.0, so the neuron outputs 1, but XOR is 0
import numpy as np


def xor_features(X):
    return np.column_stack([X[:, 0], X[:, 1], X[:, 0] * X[:, 1]]).astype(float)


def xor_weights():
    return np.array([1.0, 1.0, -2.0]), 0.0
