import numpy as np


def staircase_network(knots, values):
    """Weights of a 1-H-1 network (step hidden units, linear output) that draws a staircase."""
    knots = np.asarray(knots, dtype=float)  # (K+1,)
    values = np.asarray(values, dtype=float)  # (K,)
    # Hidden unit j switches on at x = knots[j]: step(1 * x - knots[j]).
    W1 = np.ones((1, knots.size))  # (1, K+1)
    b1 = -knots  # (K+1,)
    # Unit j adds the jump at knots[j]: values[j] - values[j-1], with 0 before and after.
    jumps = np.diff(np.concatenate([[0.0], values, [0.0]]))  # (K+1,)
    W2 = jumps.reshape(-1, 1)  # (K+1, 1)
    b2 = np.zeros(1)  # (1,)
    return [(W1, b1), (W2, b2)]
