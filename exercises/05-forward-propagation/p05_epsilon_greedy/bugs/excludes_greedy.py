# Bug: explores among the non-greedy actions only, so with epsilon = 1 the greedy action never appears.
# expect: greedy one included
import numpy as np


def epsilon_greedy(q_values, epsilon, rng):
    n, n_actions = q_values.shape
    greedy = np.argmax(q_values, axis=1)
    explore = rng.random(n) < epsilon
    shift = rng.integers(1, n_actions, size=n)  # 1..A-1 steps away from the greedy action
    return np.where(explore, (greedy + shift) % n_actions, greedy)
