import numpy as np


def q_values(states, params, eps=1e-5):
    """Eval-mode Q-values of the network dense -> batch norm -> ReLU -> dense, shape (N, A)."""
    z = states @ params["W1"] + params["b1"]  # (N, H)
    # Eval mode: the running statistics learned in training, never the batch's own.
    z_hat = (z - params["running_mean"]) / np.sqrt(params["running_var"] + eps)
    h = np.maximum(params["gamma"] * z_hat + params["beta"], 0.0)
    return h @ params["W2"] + params["b2"]  # (N, A)
