# Bug: q[:, actions] takes whole columns (an (N, N) array), so N * N wrong pairs are averaged.
# expect: q[:, actions] takes whole columns
import numpy as np


def dqn_loss(q, actions, targets):
    return float(np.mean((q[:, actions] - targets) ** 2))
