# Bug: takes the output layer off with params.pop(), which changes the caller's list.
# expect: modified its input in place
import numpy as np


def mlp_forward(X, params):
    W_out, b_out = params.pop()
    cache = []
    A = X
    for W, b in params:
        Z = A @ W + b
        cache.append((A, Z))
        A = np.maximum(Z, 0.0)
    Z = A @ W_out + b_out
    cache.append((A, Z))
    return Z, cache
