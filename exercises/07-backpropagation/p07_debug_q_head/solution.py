import numpy as np


def q_head_grads(features, W, b, actions, targets):
    """(dW, db) of the DQN loss mean_i (q[i, a_i] - y_i)**2 for the linear head q = features @ W + b."""
    N = features.shape[0]
    rows = np.arange(N)
    q = features @ W + b  # (N, A)
    dq = np.zeros(q.shape)
    dq[rows, actions] = 2.0 * (q[rows, actions] - targets) / N  # the mean's 1/N
    dW = features.T @ dq  # (D, N) @ (N, A) -> (D, A), the shape of W
    db = dq.sum(axis=0)  # (A,)
    return dW, db
