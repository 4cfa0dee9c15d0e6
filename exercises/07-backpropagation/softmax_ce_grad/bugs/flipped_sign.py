# Bug: onehot - p, the direction of steepest ascent of the loss.
# expect: the sign is flipped
import numpy as np


def softmax_ce_grad(logits, labels):
    z = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(z)
    p /= p.sum(axis=1, keepdims=True)
    p[np.arange(len(labels)), labels] -= 1.0
    return -p / len(labels)
