# Bug: records np.std (which subtracts the mean) instead of the root mean square; ReLU outputs have a positive mean.
import numpy as np


def layer_rms(X, params):
    A = X
    out = []
    for W, b in params:
        A = np.maximum(A @ W + b, 0.0)
        out.append(float(np.std(A)))
    return out
