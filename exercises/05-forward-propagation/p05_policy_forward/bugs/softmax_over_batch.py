# Bug: normalises over axis 0 (the batch) instead of over each state's actions.
# expect: must sum to 1
import numpy as np


def policy_forward(X, params):
    A = X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        A = Z if i == len(params) - 1 else np.maximum(Z, 0.0)
    e = np.exp(A - A.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)
