import numpy as np


def mlp_forward(X, params):
    """Page 5: ReLU after every layer but the last; returns (logits, cache)."""
    cache = []
    A = X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        cache.append((A, Z))
        A = Z if i == len(params) - 1 else np.maximum(Z, 0.0)
    return A, cache


def cross_entropy_loss(logits, labels):
    """Page 6: mean over the batch of -log softmax(logits)[label]."""
    z = logits - logits.max(axis=1, keepdims=True)
    log_probs = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return float(-np.mean(log_probs[np.arange(len(labels)), labels]))


def evaluate(params, X, y, batch_size):
    """(mean loss, accuracy) over all of X, y, computed batch by batch in stored order."""
    # TODO: run the batches X[start:start + batch_size] through mlp_forward, keep the
    # running sums you need, and return the mean loss per sample and the accuracy.
    return 0.0, 0.0
