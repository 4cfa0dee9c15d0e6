import numpy as np


def firing_rate(X, w, b):
    """Return the fraction of rows of X (N, D) for which the step neuron (w, b) fires."""
    fired = 0
    for i in range(X.shape[1]):
        z = np.dot(X[i], w) + b
        if z >= 0:
            fired += 1
    return fired / X.shape[1]
