# Bug: the ReLU is applied in place, so the cached Z is overwritten by relu(Z).
# expect: pre-activation
import numpy as np


def mlp_forward(X, params):
    cache = []
    A = X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        cache.append((A, Z))
        if i < len(params) - 1:
            A = np.maximum(Z, 0.0, out=Z)
        else:
            A = Z
    return A, cache
