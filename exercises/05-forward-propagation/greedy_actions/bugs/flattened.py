# Bug: argmax without an axis returns one index into the flattened array.
# expect: greedy_actions(q_values)
import numpy as np


def greedy_actions(q_values):
    return np.argmax(q_values)
