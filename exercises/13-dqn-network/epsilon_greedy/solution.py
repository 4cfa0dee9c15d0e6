import numpy as np


def epsilon_greedy(q_values, epsilon, rng):
    """One action for one state: uniform over all actions with probability epsilon, else argmax."""
    if rng.random() < epsilon:  # explore
        return int(rng.integers(len(q_values)))  # 0 .. A-1, the greedy action included
    return int(np.argmax(q_values))  # exploit; ties go to the lowest index
