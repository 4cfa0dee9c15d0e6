# Bug: the loop uses >= when updating the best action, so ties go to the highest index.
# expect: expected 0, got 2
import numpy as np


def linear_q_values(phi, W, b):
    return phi @ W + b


def greedy_action(phi, W, b):
    q = linear_q_values(phi, W, b)
    best = 0
    for a in range(len(q)):
        if q[a] >= q[best]:
            best = a
    return best
