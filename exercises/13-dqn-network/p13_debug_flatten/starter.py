import numpy as np


def q_head(features, params):
    """Q-values (N, n_actions) from conv3's output features (N, C, H, W)."""
    n = features.shape[0]
    # Ported from our TensorFlow agent, which keeps images as (N, H, W, C).
    flat = features.transpose(0, 2, 3, 1).reshape(n, -1)  # (N, H*W*C)
    hidden = np.maximum(flat @ params["fc1_w"] + params["fc1_b"], 0.0)  # (N, 512)
    return hidden @ params["fc2_w"] + params["fc2_b"]  # (N, n_actions)
