# Bug: rng.integers(0, A - 1) excludes the last action from exploration.
# expect: upper bound is excluded
import numpy as np


def epsilon_greedy(q_values, epsilon, rng):
    n, n_actions = q_values.shape
    greedy = np.argmax(q_values, axis=1)
    explore = rng.random(n) < epsilon
    return np.where(explore, rng.integers(0, n_actions - 1, size=n), greedy)
