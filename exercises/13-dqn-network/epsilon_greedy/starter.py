import numpy as np


def epsilon_greedy(q_values, epsilon, rng):
    """One action for one state: uniform over all actions with probability epsilon, else argmax."""
    # TODO: with probability epsilon return a uniformly random action (use rng);
    # otherwise the greedy action. Return a Python int.
    return int(np.argmax(q_values))
