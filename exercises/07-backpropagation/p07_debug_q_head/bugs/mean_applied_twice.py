# Wrong fix: divides dq by N and then averages again for db and dW.
# expect: Gradient check failed
import numpy as np


def q_head_grads(features, W, b, actions, targets):
    N = features.shape[0]
    rows = np.arange(N)
    q = features @ W + b
    dq = np.zeros(q.shape)
    dq[rows, actions] = 2.0 * (q[rows, actions] - targets) / N
    return features.T @ dq / N, dq.mean(axis=0)
