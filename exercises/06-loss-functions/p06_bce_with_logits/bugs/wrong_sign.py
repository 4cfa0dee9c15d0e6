# Bug: adds y * z instead of subtracting it (the log-likelihood of the wrong class).
# expect: bce_with_logits([2, -1, 0.5, -3], [1, 0, 0, 1])
import numpy as np


def bce_with_logits(logits, targets):
    softplus = np.maximum(logits, 0.0) + np.log1p(np.exp(-np.abs(logits)))
    return float(np.mean(softplus + targets * logits))
