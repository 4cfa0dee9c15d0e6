# Bug: returns the largest Q-value instead of the action that has it.
# expect: integer
import numpy as np


def greedy_actions(q_values):
    return np.max(q_values, axis=1)
