# Bug: appends after updating A, so the cache holds each layer's output instead of its input.
# expect: not its input
import numpy as np


def mlp_forward(X, params):
    cache = []
    A = X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        A = Z if i == len(params) - 1 else np.maximum(Z, 0.0)
        cache.append((A, Z))
    return A, cache
