import numpy as np


def softmax_ce_grad(logits, labels):
    """d(mean cross-entropy)/d logits for logits (N, K) and integer labels (N,)."""
    # TODO: softmax probabilities per row (stably), minus the one-hot labels, and the mean's 1/N.
    return np.zeros(logits.shape)
