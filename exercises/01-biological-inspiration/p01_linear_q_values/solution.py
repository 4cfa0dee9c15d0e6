import numpy as np


def linear_q_values(phi, W, b):
    """Return the Q-value of every action, shape (A,).

    phi: (D,) features, W: (D, A) weights (column a = action a), b: (A,) biases.
    """
    return phi @ W + b  # (D,) @ (D, A) -> (A,)


def greedy_action(phi, W, b):
    """Return the index of the largest Q-value (the lowest index on ties)."""
    return int(np.argmax(linear_q_values(phi, W, b)))
