# Bug: np.exp(logits) without the max shift overflows to inf for logits of 1e4: inf / inf = nan.
# expect: found NaN
import numpy as np


def softmax_ce_grad(logits, labels):
    with np.errstate(over="ignore", invalid="ignore"):
        p = np.exp(logits)
        p = p / p.sum(axis=1, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1.0
    return p / len(labels)
