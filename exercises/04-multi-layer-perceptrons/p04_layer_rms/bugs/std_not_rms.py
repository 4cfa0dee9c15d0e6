# Bug: records np.std (which subtracts the mean) instead of the root mean square; ReLU outputs have a positive mean.
# expect: at index (0,): expected 1.5, got 0.829156197589
import numpy as np


def layer_rms(X, params):
    A = X
    out = []
    for W, b in params:
        A = np.maximum(A @ W + b, 0.0)
        out.append(float(np.std(A)))
    return out
