# Bug: the units fire on x <= t_j (weight -1, bias t_j) and it builds the staircase from the right, so
# the intervals come out right-closed: the value at a knot is the one of the step to its left.
# expect: at index (0,): expected 3.0, got 0.0
import numpy as np


def staircase_network(knots, values):
    knots = np.asarray(knots, dtype=float)
    values = np.asarray(values, dtype=float)
    W1 = -np.ones((1, knots.size))
    b1 = knots.copy()
    # unit j is on for x <= t_j; f(x) = sum_j on_j * (v_{j-1} - v_j) with v_{-1} = v_K = 0
    jumps = np.concatenate([[0.0], values]) - np.concatenate([values, [0.0]])
    return [(W1, b1), (jumps.reshape(-1, 1), np.zeros(1))]
