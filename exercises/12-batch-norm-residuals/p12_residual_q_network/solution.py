import numpy as np


def residual_q_network(states, params):
    """Q-values (N, A): input layer + ReLU, a stack of residual blocks, a linear head."""
    h = np.maximum(states @ params["W_in"] + params["b_in"], 0.0)  # (N, D)
    for W1, b1, W2, b2 in params["blocks"]:
        f = np.maximum(h @ W1 + b1, 0.0) @ W2 + b2  # (N, D)
        h = np.maximum(h + f, 0.0)
    return h @ params["W_out"] + params["b_out"]  # (N, A), no activation
