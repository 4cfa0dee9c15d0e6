import numpy as np


def layer_rms(X, params):
    """Root mean square of each layer's ReLU output when X is pushed through the network."""
    A = X  # (N, n_0)
    rms = []
    for W, b in params:
        A = np.maximum(A @ W + b, 0.0)  # (N, n_out)
        rms.append(float(np.sqrt(np.mean(A**2))))
    return rms
