# Bug: no hidden unit at the last knot, so the output stays at values[-1] for x >= t_K instead of 0.
# expect: at index (5,): expected 0.0, got 2.5
import numpy as np


def staircase_network(knots, values):
    knots = np.asarray(knots, dtype=float)[:-1]
    values = np.asarray(values, dtype=float)
    W1 = np.ones((1, knots.size))
    b1 = -knots
    jumps = np.diff(np.concatenate([[0.0], values]))
    return [(W1, b1), (jumps.reshape(-1, 1), np.zeros(1))]
