# Bug: leaves out the bias b when computing each layer.
# expect: at index (0,): expected 1.5, got 2.06155281281
import numpy as np


def layer_rms(X, params):
    A = X
    out = []
    for W, _ in params:
        A = np.maximum(A @ W, 0.0)
        out.append(float(np.sqrt(np.mean(A**2))))
    return out
