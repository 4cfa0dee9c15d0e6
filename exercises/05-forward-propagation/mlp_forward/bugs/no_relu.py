# Bug: no activation at all; the network collapses into one linear map.
# expect: no ReLU was applied
import numpy as np


def mlp_forward(X, params):
    cache = []
    A = X
    for W, b in params:
        Z = A @ W + b
        cache.append((A, Z))
        A = Z
    return A, cache
