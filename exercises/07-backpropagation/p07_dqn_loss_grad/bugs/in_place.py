# Bug: reuses q as the gradient array.
# expect: modified its input in place
import numpy as np


def dqn_loss_grad(q, actions, targets):
    rows = np.arange(q.shape[0])
    td = q[rows, actions] - targets
    q[:] = 0.0
    q[rows, actions] = 2.0 * td / q.shape[0]
    return q
