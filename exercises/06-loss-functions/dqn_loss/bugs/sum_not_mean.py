# Bug: sums over the batch, so the loss (and the step size) grows with the batch size.
# expect: expected 2.125
import numpy as np


def dqn_loss(q, actions, targets):
    chosen = q[np.arange(len(actions)), actions]
    return float(np.sum((chosen - targets) ** 2))
