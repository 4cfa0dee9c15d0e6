# Bug: the ReLU is applied before each layer instead of after it, so the input X is clipped too.
# expect: not relu(X)
import numpy as np


def mlp_forward(X, params):
    cache = []
    A = X
    for i, (W, b) in enumerate(params):
        A = np.maximum(A, 0.0)
        Z = A @ W + b
        cache.append((A, Z))
        A = Z
    return A, cache
