import numpy as np


def pg_logits_grad(logits, actions, advantages):
    """dL/dz for L = -mean_i A_i log softmax(z_i)[a_i]; the advantages are constants."""
    N = logits.shape[0]
    z = logits - logits.max(axis=1, keepdims=True)
    g = np.exp(z)
    g /= g.sum(axis=1, keepdims=True)  # pi, (N, K)
    g[np.arange(N), actions] -= 1.0  # pi - onehot
    return g * advantages[:, None] / N  # each row weighted by its advantage
