# Bug: one exploration decision for the whole batch: all environments explore at the same steps.
# expect: its own exploration decision
import numpy as np


def epsilon_greedy(q_values, epsilon, rng):
    n, n_actions = q_values.shape
    if rng.random() < epsilon:
        return rng.integers(0, n_actions, size=n)
    return np.argmax(q_values, axis=1)
