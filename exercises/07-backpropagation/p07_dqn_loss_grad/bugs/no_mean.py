# Bug: forgets the 1/N of the mean.
# expect: divide by N
import numpy as np


def dqn_loss_grad(q, actions, targets):
    rows = np.arange(q.shape[0])
    dq = np.zeros(q.shape)
    dq[rows, actions] = 2.0 * (q[rows, actions] - targets)
    return dq
