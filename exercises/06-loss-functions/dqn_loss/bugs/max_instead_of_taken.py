# Bug: uses the best action's Q-value, max_a Q(s, a), instead of the action that was taken.
# expect: the action that was taken
import numpy as np


def dqn_loss(q, actions, targets):
    return float(np.mean((np.max(q, axis=1) - targets) ** 2))
