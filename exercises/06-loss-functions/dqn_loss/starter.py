import numpy as np


def dqn_loss(q, actions, targets):
    """Mean over the batch of (q[i, actions[i]] - targets[i]) ** 2."""
    # TODO: pick the Q-value of the action taken in each row, then the mean squared error.
    return 0.0
