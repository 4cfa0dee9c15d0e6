import numpy as np


def cross_entropy_loss(logits, labels):
    """Mean over the batch of -log softmax(logits[i])[labels[i]]; logits (N, K), labels (N,)."""
    # TODO: a stable log-softmax along axis 1, pick the true class of each row, average, negate.
    return 0.0
