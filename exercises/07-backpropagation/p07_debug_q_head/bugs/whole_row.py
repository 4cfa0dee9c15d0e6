# Wrong fix: fills every action's entry with the TD error, not just the action taken.
# expect: differ
import numpy as np


def q_head_grads(features, W, b, actions, targets):
    N = features.shape[0]
    rows = np.arange(N)
    q = features @ W + b
    td = q[rows, actions] - targets
    dq = np.repeat((2.0 * td / N)[:, None], q.shape[1], axis=1)
    return features.T @ dq, dq.sum(axis=0)
