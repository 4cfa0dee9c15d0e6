# Bug: only hidden layers are cached; the output layer's (A_in, Z) is missing.
# expect: one (A_in, Z) tuple per layer
import numpy as np


def mlp_forward(X, params):
    cache = []
    A = X
    for W, b in params[:-1]:
        Z = A @ W + b
        cache.append((A, Z))
        A = np.maximum(Z, 0.0)
    W, b = params[-1]
    return A @ W + b, cache
