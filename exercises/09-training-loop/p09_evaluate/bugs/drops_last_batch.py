# Bug: the loop stops before the last, smaller batch, whose samples are never scored.
# expect: was never scored
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
    total_loss, correct = 0.0, 0
    for start in range(0, len(X) - len(X) % batch_size, batch_size):
        Xb, yb = X[start : start + batch_size], y[start : start + batch_size]
        logits, _ = mlp_forward(Xb, params)
        total_loss += cross_entropy_loss(logits, yb) * len(yb)  # the batch's sum of losses
        correct += int(np.sum(np.argmax(logits, axis=1) == yb))
    return total_loss / len(X), correct / len(X)
