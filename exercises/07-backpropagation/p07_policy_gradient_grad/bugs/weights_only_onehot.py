# Bug: weights only the one-hot term by the advantage: pi - A * onehot.
# expect: Gradient check failed
import numpy as np


def pg_logits_grad(logits, actions, advantages):
    N = logits.shape[0]
    z = logits - logits.max(axis=1, keepdims=True)
    g = np.exp(z)
    g /= g.sum(axis=1, keepdims=True)
    g[np.arange(N), actions] -= advantages
    return g / N
