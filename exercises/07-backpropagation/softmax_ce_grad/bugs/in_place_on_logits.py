# Bug: shifts the caller's logits in place with -=.
# expect: modified its input in place
import numpy as np


def softmax_ce_grad(logits, labels):
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    p /= p.sum(axis=1, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1.0
    return p / len(labels)
