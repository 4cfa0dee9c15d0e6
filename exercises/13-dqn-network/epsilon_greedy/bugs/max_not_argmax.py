# Bug: returns the largest Q-value instead of its index.
# expect: expected an int
import numpy as np


def epsilon_greedy(q_values, epsilon, rng):
    if rng.random() < epsilon:
        return int(rng.integers(len(q_values)))
    return np.max(q_values)
