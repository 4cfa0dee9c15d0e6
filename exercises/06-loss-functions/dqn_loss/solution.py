import numpy as np


def dqn_loss(q, actions, targets):
    """Mean over the batch of (q[i, actions[i]] - targets[i]) ** 2."""
    chosen = q[np.arange(len(actions)), actions]  # (N,): Q(s_i, a_i), one per row
    return float(np.mean((chosen - targets) ** 2))
