# Bug: records the RMS of the pre-activation Z instead of the ReLU output A.
# expect: at index (0,): expected 1.5, got 1.54616460961
import numpy as np


def layer_rms(X, params):
    A = X
    out = []
    for W, b in params:
        Z = A @ W + b
        out.append(float(np.sqrt(np.mean(Z**2))))
        A = np.maximum(Z, 0.0)
    return out
