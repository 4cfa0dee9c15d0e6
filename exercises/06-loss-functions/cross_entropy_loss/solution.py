import numpy as np


def cross_entropy_loss(logits, labels):
    """Mean over the batch of -log softmax(logits[i])[labels[i]]; logits (N, K), labels (N,)."""
    m = np.max(logits, axis=1, keepdims=True)  # (N, 1): each row's own max
    lse = m + np.log(np.sum(np.exp(logits - m), axis=1, keepdims=True))  # (N, 1), finite
    log_probs = logits - lse  # (N, K) log-softmax
    picked = log_probs[np.arange(len(labels)), labels]  # (N,) the true class of each row
    return float(-np.mean(picked))
