# Bug: returns the per-sample squared errors instead of their mean.
# expect: expected one number (the mean over the batch)
import numpy as np


def dqn_loss(q, actions, targets):
    return (q[np.arange(len(actions)), actions] - targets) ** 2
