import numpy as np


def relu(z):
    return np.maximum(z, 0.0)


def mlp_forward(X, params):
    """Run X (N, n_0) through the layers [(W, b), ...]; ReLU on hidden layers, linear output.

    Returns (out, cache): out (N, n_L) and one (A_in, Z) tuple per layer.
    """
    cache = []
    A = X  # A_0 = X, (N, n_0)
    last = len(params) - 1
    for i, (W, b) in enumerate(params):
        Z = A @ W + b  # (N, n_{l-1}) @ (n_{l-1}, n_l) -> (N, n_l)
        cache.append((A, Z))  # backprop needs the layer's input and its pre-activation
        A = Z if i == last else relu(Z)  # new array: the cached Z keeps its negative entries
    return A, cache
