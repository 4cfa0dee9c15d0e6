# Bug: applies the ReLU to the logits too, so every negative logit becomes 0.
# expect: ReLU was applied to the logits
import numpy as np


def policy_forward(X, params):
    A = X
    for W, b in params:
        A = np.maximum(A @ W + b, 0.0)
    e = np.exp(A - A.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
