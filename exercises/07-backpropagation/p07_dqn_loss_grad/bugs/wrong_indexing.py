# Bug: q[:, actions] selects every listed column in every row, an (N, N) block.
# expect: differ
import numpy as np


def dqn_loss_grad(q, actions, targets):
    dq = np.zeros(q.shape)
    dq[:, actions] = 2.0 * (q[np.arange(q.shape[0]), actions] - targets) / q.shape[0]
    return dq
