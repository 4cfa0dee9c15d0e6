# Bug: the comparison is the wrong way round: explores with probability 1 - epsilon.
# expect: probability of exploring
import numpy as np


def epsilon_greedy(q_values, epsilon, rng):
    if rng.random() > epsilon:
        return int(rng.integers(len(q_values)))
    return int(np.argmax(q_values))
