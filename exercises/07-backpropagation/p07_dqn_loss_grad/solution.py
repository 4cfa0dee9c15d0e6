import numpy as np


def dqn_loss_grad(q, actions, targets):
    """dL/dq for L = mean_i (q[i, actions[i]] - targets[i])**2; targets are constants."""
    N = q.shape[0]
    rows = np.arange(N)
    dq = np.zeros(q.shape)  # (N, A): zero for the actions not taken
    dq[rows, actions] = 2.0 * (q[rows, actions] - targets) / N
    return dq
