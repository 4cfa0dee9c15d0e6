# Bug: normalises the softmax over axis 0 (across the batch) instead of over the classes.
# expect: differ
import numpy as np


def softmax_ce_grad(logits, labels):
    z = logits - logits.max(axis=0, keepdims=True)
    p = np.exp(z)
    p /= p.sum(axis=0, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1.0
    return p / len(labels)
