# Bug: no max subtraction, so exp(1e4) overflows to inf and inf / inf = nan.
# expect: NaN
import numpy as np


def policy_forward(X, params):
    A = X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        A = Z if i == len(params) - 1 else np.maximum(Z, 0.0)
    e = np.exp(A)
    return e / e.sum(axis=-1, keepdims=True)
