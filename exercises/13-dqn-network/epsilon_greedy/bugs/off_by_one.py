# Bug: rng.integers(0, A - 1) never returns the last action.
# expect: bound A is excluded
import numpy as np


def epsilon_greedy(q_values, epsilon, rng):
    if rng.random() < epsilon:
        return int(rng.integers(0, len(q_values) - 1))
    return int(np.argmax(q_values))
