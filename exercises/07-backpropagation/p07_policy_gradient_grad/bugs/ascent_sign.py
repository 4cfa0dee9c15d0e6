# Bug: returns the gradient of the return (A * (onehot - pi)), the ascent direction, not of the loss.
# expect: expected -0.5, got 0.5
import numpy as np


def pg_logits_grad(logits, actions, advantages):
    N = logits.shape[0]
    z = logits - logits.max(axis=1, keepdims=True)
    g = np.exp(z)
    g /= g.sum(axis=1, keepdims=True)
    g[np.arange(N), actions] -= 1.0
    return -g * advantages[:, None] / N
