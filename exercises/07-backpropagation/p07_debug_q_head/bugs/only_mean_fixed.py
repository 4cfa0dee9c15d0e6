# Wrong fix: adds the 1/N but keeps the transposed dW.
# expect: dW has the shape of W.T
import numpy as np


def q_head_grads(features, W, b, actions, targets):
    N = features.shape[0]
    rows = np.arange(N)
    q = features @ W + b
    dq = np.zeros(q.shape)
    dq[rows, actions] = 2.0 * (q[rows, actions] - targets) / N
    return dq.T @ features, dq.sum(axis=0)
