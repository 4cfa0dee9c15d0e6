# Bug: a loop with >= lets a later equal value win, so ties go to the highest index.
# expect: ties must go to the lowest index
import numpy as np


def greedy_actions(q_values):
    actions = []
    for row in q_values:
        best = 0
        for a in range(len(row)):
            if row[a] >= row[best]:
                best = a
        actions.append(best)
    return np.array(actions)
