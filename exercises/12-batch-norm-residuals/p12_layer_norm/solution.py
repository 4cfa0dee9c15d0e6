import numpy as np


def layer_norm_forward(x, gamma, beta, eps=1e-5):
    """LayerNorm over the features of each row of x (N, D); gamma, beta (D,)."""
    mean = x.mean(axis=1, keepdims=True)  # (N, 1): one mean per sample
    var = x.var(axis=1, keepdims=True)  # (N, 1), biased
    return gamma * (x - mean) / np.sqrt(var + eps) + beta
