# Bug: ReLU after every layer, the output layer included: negative Q-values become 0.
# expect: must be linear
import numpy as np


def mlp_forward(X, params):
    cache = []
    A = X
    for W, b in params:
        Z = A @ W + b
        cache.append((A, Z))
        A = np.maximum(Z, 0.0)
    return A, cache
