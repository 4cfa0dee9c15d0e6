import numpy as np


def firing_rate(X, w, b):
    """Return the fraction of rows of X (N, D) for which the step neuron (w, b) fires."""
    z = X @ w + b  # (N,)
    return float(np.mean(z >= 0))
