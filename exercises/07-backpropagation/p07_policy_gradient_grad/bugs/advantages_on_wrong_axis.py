# Bug: multiplies by advantages of shape (N,), which broadcast along the action axis.
# expect: differ
import numpy as np


def pg_logits_grad(logits, actions, advantages):
    N = logits.shape[0]
    z = logits - logits.max(axis=1, keepdims=True)
    g = np.exp(z)
    g /= g.sum(axis=1, keepdims=True)
    g[np.arange(N), actions] -= 1.0
    return g * advantages / N
