# Bug: pulls the Q-value of every action towards the target, not only the taken one.
# expect: only the taken action has a target
import numpy as np


def dqn_loss(q, actions, targets):
    return float(np.mean((q - targets[:, None]) ** 2))
