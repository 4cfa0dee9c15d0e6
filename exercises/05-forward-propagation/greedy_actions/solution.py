import numpy as np


def greedy_actions(q_values):
    """Index of the largest Q-value in each row of q_values (N, A); ties -> lowest index."""
    return np.argmax(q_values, axis=-1)  # (N, A) -> (N,); argmax returns the first maximum
