# Bug: pushes every action's Q-value towards the target, not only the action taken.
# expect: expected 0.0, got -1.0
import numpy as np


def dqn_loss_grad(q, actions, targets):
    return 2.0 * (q - targets[:, None]) / q.shape[0]
