import numpy as np


def q_values(states, params, eps=1e-5):
    """Eval-mode Q-values of the network dense -> batch norm -> ReLU -> dense, shape (N, A)."""
    z = states @ params["W1"] + params["b1"]  # (N, H)
    mean = z.mean(axis=0)
    var = z.var(axis=0)
    z_hat = (z - mean) / np.sqrt(var + eps)
    h = np.maximum(params["gamma"] * z_hat + params["beta"], 0.0)
    return h @ params["W2"] + params["b2"]  # (N, A)
