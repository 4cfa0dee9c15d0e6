# Bug: log(1 + exp(z)) overflows to inf for z = 1e4.
# expect: got inf
import numpy as np


def bce_with_logits(logits, targets):
    return float(np.mean(np.log(1 + np.exp(logits)) - targets * logits))
