import numpy as np


def dueling_q(value, advantages):
    """Q = V + (A - mean_a A): value (N, 1) or (N,), advantages (N, A) -> (N, A)."""
    v = np.reshape(value, (-1, 1))  # (N, 1): one number per state, stretched along its row
    mean_adv = np.mean(advantages, axis=1, keepdims=True)  # (N, 1)
    return v + advantages - mean_adv
