# Bug: p[:, labels] -= 1 subtracts 1 in every row at every label's column.
# expect: differ
import numpy as np


def softmax_ce_grad(logits, labels):
    z = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(z)
    p /= p.sum(axis=1, keepdims=True)
    p[:, labels] -= 1.0
    return p / len(labels)
