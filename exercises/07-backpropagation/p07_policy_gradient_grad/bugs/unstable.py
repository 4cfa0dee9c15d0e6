# Bug: softmax without the max shift: exp(1e4) overflows and the rows become nan.
# expect: found NaN
import numpy as np


def pg_logits_grad(logits, actions, advantages):
    N = logits.shape[0]
    with np.errstate(over="ignore", invalid="ignore"):
        g = np.exp(logits)
        g = g / g.sum(axis=1, keepdims=True)
    g[np.arange(N), actions] -= 1.0
    return g * advantages[:, None] / N
