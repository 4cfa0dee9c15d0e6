# Bug: log_probs[:, labels] takes whole columns, an (N, N) array, and averages all of it.
# expect: not a whole column per label
import numpy as np


def cross_entropy_loss(logits, labels):
    m = np.max(logits, axis=1, keepdims=True)
    log_probs = logits - m - np.log(np.sum(np.exp(logits - m), axis=1, keepdims=True))
    return float(-np.mean(log_probs[:, labels]))
