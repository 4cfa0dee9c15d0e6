import numpy as np


def q_head(features, params):
    """Q-values (N, n_actions) from conv3's output features (N, C, H, W)."""
    n = features.shape[0]
    flat = features.reshape(n, -1)  # (N, C*H*W), C order: what torch.flatten does
    hidden = np.maximum(flat @ params["fc1_w"] + params["fc1_b"], 0.0)  # (N, 512)
    return hidden @ params["fc2_w"] + params["fc2_b"]  # (N, n_actions)
