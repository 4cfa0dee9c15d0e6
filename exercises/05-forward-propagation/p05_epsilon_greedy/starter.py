import numpy as np


def epsilon_greedy(q_values, epsilon, rng):
    """Per row: a uniform random action with probability epsilon, else the greedy action."""
    # TODO: greedy actions, one exploration decision per row, random actions from rng.
    return np.argmax(q_values, axis=1)
