import numpy as np


def td_targets(rewards, next_q, dones, gamma):
    """One-step TD targets r + gamma * max_a next_q * (1 - done), shape (N,)."""
    done = np.asarray(dones, dtype=float)  # bools or floats -> 0.0 / 1.0
    best_next = np.max(next_q, axis=1)  # (N,): the best action value in s'
    return rewards + gamma * (1.0 - done) * best_next
