import numpy as np


def q_head_grads(features, W, b, actions, targets):
    """(dW, db) of the DQN loss mean_i (q[i, a_i] - y_i)**2 for the linear head q = features @ W + b."""
    N = features.shape[0]
    rows = np.arange(N)
    q = features @ W + b  # (N, A)
    dq = np.zeros(q.shape)
    dq[rows, actions] = 2.0 * (q[rows, actions] - targets)
    dW = dq.T @ features
    db = dq.sum(axis=0)
    return dW, db
