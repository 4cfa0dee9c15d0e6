# Bug: returns the mean log-probability (negative), not the negative log-likelihood.
# expect: the loss is its negative
import numpy as np


def cross_entropy_loss(logits, labels):
    m = np.max(logits, axis=1, keepdims=True)
    log_probs = logits - m - np.log(np.sum(np.exp(logits - m), axis=1, keepdims=True))
    return float(np.mean(log_probs[np.arange(len(labels)), labels]))
