# Bug: one max for the whole batch; a row far below it underflows to log(0) = -inf.
# expect: each row's own max
import numpy as np


def cross_entropy_loss(logits, labels):
    m = np.max(logits)
    lse = m + np.log(np.sum(np.exp(logits - m), axis=1))
    return float(np.mean(lse - logits[np.arange(len(labels)), labels]))
