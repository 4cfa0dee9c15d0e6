import numpy as np


def policy_probs(logits, temperature=1.0):
    """Action probabilities softmax(logits / temperature) for one state (A,) or a batch (N, A)."""
    z = logits / temperature
    z = z - np.max(z)  # shift for numerical stability
    e = np.exp(z)
    return e / np.sum(e, axis=0)
