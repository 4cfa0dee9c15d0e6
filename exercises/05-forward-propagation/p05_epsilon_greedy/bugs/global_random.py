# Bug: uses the global np.random state instead of the rng it is given, so runs are not reproducible.
# expect: Use the rng argument
import numpy as np


def epsilon_greedy(q_values, epsilon, rng):
    n, n_actions = q_values.shape
    greedy = np.argmax(q_values, axis=1)
    explore = np.random.random(n) < epsilon
    return np.where(explore, np.random.randint(0, n_actions, size=n), greedy)
