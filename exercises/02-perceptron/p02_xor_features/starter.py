import numpy as np


def xor_features(X):
    """Return the (N, 3) float array with columns x1, x2, x1 * x2."""
    # TODO: add the product feature.
    return X.astype(float)


def xor_weights():
    """Return (w, b), w of shape (3,), so that a step neuron on xor_features computes XOR."""
    # TODO
    return np.zeros(3), 0.0
