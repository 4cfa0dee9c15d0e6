import numpy as np


def relu(z):
    return np.maximum(z, 0.0)


def mlp_forward(X, params):
    """Run X (N, n_0) through the layers [(W, b), ...]; ReLU on hidden layers, linear output.

    Returns (out, cache): out (N, n_L) and one (A_in, Z) tuple per layer.
    """
    cache = []
    A = X
    # TODO: for every layer (W, b): compute the pre-activation Z, store (A_in, Z) in the cache,
    # then apply the ReLU, except after the last layer.
    return A, cache
