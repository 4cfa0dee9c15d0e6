# Bug: uses the step heights as output weights instead of the jumps between them, so the steps pile up.
# expect: at index (5,): expected 0.0, got 2.5
import numpy as np


def staircase_network(knots, values):
    knots = np.asarray(knots, dtype=float)
    W1 = np.ones((1, knots.size))
    b1 = -knots
    W2 = np.append(np.asarray(values, dtype=float), 0.0).reshape(-1, 1)
    return [(W1, b1), (W2, np.zeros(1))]
