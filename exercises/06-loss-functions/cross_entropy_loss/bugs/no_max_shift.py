# Bug: log-sum-exp without the max shift; exp(1e4) overflows to inf.
# expect: got nan
import numpy as np


def cross_entropy_loss(logits, labels):
    lse = np.log(np.sum(np.exp(logits), axis=1))
    return float(np.mean(lse - logits[np.arange(len(labels)), labels]))
