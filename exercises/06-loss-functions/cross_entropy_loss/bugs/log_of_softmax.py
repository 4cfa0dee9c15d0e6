# Bug: takes np.log of a (stable) softmax; a probability that underflows to 0 gives -log 0 = inf.
# expect: got inf
import numpy as np


def cross_entropy_loss(logits, labels):
    z = logits - np.max(logits, axis=1, keepdims=True)
    p = np.exp(z) / np.sum(np.exp(z), axis=1, keepdims=True)
    return float(-np.mean(np.log(p[np.arange(len(labels)), labels])))
