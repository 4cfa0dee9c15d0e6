# Bug: applies the first ReLU in place on a view of X, silently changing the caller's batch.
# expect: modified its input in place
import numpy as np


def layer_rms(X, params):
    A = X
    out = []
    for i, (W, b) in enumerate(params):
        if i == 0:
            np.maximum(X, 0.0, out=X)  # "cheap" clean-up of the input, but it edits X
        A = np.maximum(A @ W + b, 0.0)
        out.append(float(np.sqrt(np.mean(A**2))))
    return out
