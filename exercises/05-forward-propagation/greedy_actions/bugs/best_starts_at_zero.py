# Bug: the running maximum starts at 0 instead of the row's first value, so all-negative rows give action 0.
# expect: does your running maximum start at 0
import numpy as np


def greedy_actions(q_values):
    actions = []
    for row in q_values:
        best, best_q = 0, 0.0
        for a, q in enumerate(row):
            if q > best_q:
                best, best_q = a, q
        actions.append(best)
    return np.array(actions)
