# Wrong fix: uses the running statistics only for a batch of one; larger batches still use their own.
# expect: must not depend on which other samples share its batch
import numpy as np


def q_values(states, params, eps=1e-5):
    """Eval-mode Q-values of the network dense -> batch norm -> ReLU -> dense, shape (N, A)."""
    z = states @ params["W1"] + params["b1"]  # (N, H)
    if z.shape[0] == 1:
        mean, var = params["running_mean"], params["running_var"]
    else:
        mean, var = z.mean(axis=0), z.var(axis=0)
    z_hat = (z - mean) / np.sqrt(var + eps)
    h = np.maximum(params["gamma"] * z_hat + params["beta"], 0.0)
    return h @ params["W2"] + params["b2"]  # (N, A)
