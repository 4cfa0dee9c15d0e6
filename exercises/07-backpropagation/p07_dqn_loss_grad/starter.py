import numpy as np


def dqn_loss_grad(q, actions, targets):
    """dL/dq for L = mean_i (q[i, actions[i]] - targets[i])**2; targets are constants."""
    dq = np.zeros(q.shape)
    # TODO: fill in the entries the loss depends on.
    return dq
