import numpy as np


def epsilon_greedy(q_values, epsilon, rng):
    """Per row: a uniform random action with probability epsilon, else the greedy action."""
    n, n_actions = q_values.shape
    greedy = np.argmax(q_values, axis=1)  # (N,), ties -> lowest index
    explore = rng.random(n) < epsilon  # one independent coin per row
    random_actions = rng.integers(0, n_actions, size=n)  # upper bound excluded
    return np.where(explore, random_actions, greedy)
