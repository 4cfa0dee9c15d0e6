import numpy as np


def layer_norm_forward(x, gamma, beta, eps=1e-5):
    """LayerNorm over the features of each row of x (N, D); gamma, beta (D,)."""
    # TODO: normalise each sample (row) with its own mean and variance.
    return np.array(x, dtype=float)
