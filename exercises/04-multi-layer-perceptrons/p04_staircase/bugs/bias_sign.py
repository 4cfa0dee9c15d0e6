# Bug: bias +t_j instead of -t_j, so unit j switches on at x = -t_j.
# expect: at index (1,): expected 0.0, got -2.5
import numpy as np


def staircase_network(knots, values):
    knots = np.asarray(knots, dtype=float)
    values = np.asarray(values, dtype=float)
    W1 = np.ones((1, knots.size))
    b1 = knots.copy()
    jumps = np.diff(np.concatenate([[0.0], values, [0.0]]))
    return [(W1, b1), (jumps.reshape(-1, 1), np.zeros(1))]
