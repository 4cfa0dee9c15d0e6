import numpy as np


def xor_features(X):
    """Return the (N, 3) float array with columns x1, x2, x1 * x2."""
    return np.column_stack([X[:, 0], X[:, 1], X[:, 0] * X[:, 1]]).astype(float)


def xor_weights():
    """Return (w, b), w of shape (3,), so that a step neuron on xor_features computes XOR."""
    # x1 + x2 - 2 x1 x2 is XOR on 0/1 inputs; -0.5 puts the threshold between 0 and 1.
    return np.array([1.0, 1.0, -2.0]), -0.5
