# Bug: picks the action with the smallest Q-value (argmin), as if Q were a cost.
# expect: expected 2, got 0
import numpy as np


def linear_q_values(phi, W, b):
    return phi @ W + b


def greedy_action(phi, W, b):
    return int(np.argmin(linear_q_values(phi, W, b)))
