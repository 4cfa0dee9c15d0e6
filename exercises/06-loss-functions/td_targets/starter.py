import numpy as np


def td_targets(rewards, next_q, dones, gamma):
    """One-step TD targets r + gamma * max_a next_q * (1 - done), shape (N,)."""
    # TODO: the best next value per row, masked for terminal transitions, plus the reward.
    return np.zeros(len(rewards))
