# Bug: explores with probability 1 - epsilon (the comparison is the wrong way round).
# expect: expected the action frequencies
import numpy as np


def epsilon_greedy(q_values, epsilon, rng):
    n, n_actions = q_values.shape
    greedy = np.argmax(q_values, axis=1)
    explore = rng.random(n) > epsilon
    return np.where(explore, rng.integers(0, n_actions, size=n), greedy)
