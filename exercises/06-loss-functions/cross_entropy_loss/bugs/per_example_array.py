# Bug: returns the per-example losses (reduction='none'), not their mean.
# expect: expected one number (the mean over the batch)
import numpy as np


def cross_entropy_loss(logits, labels):
    m = np.max(logits, axis=1, keepdims=True)
    log_probs = logits - m - np.log(np.sum(np.exp(logits - m), axis=1, keepdims=True))
    return -log_probs[np.arange(len(labels)), labels]
