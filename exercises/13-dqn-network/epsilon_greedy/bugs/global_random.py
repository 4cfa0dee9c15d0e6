# Bug: uses the global np.random state, not the generator passed in: runs cannot be reproduced.
# expect: not np.random
import numpy as np


def epsilon_greedy(q_values, epsilon, rng):
    if np.random.random() < epsilon:
        return int(np.random.randint(len(q_values)))
    return int(np.argmax(q_values))
