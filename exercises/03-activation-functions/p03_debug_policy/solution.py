import numpy as np


def policy_probs(logits, temperature=1.0):
    """Action probabilities softmax(logits / temperature) for one state (A,) or a batch (N, A)."""
    z = logits / temperature
    z = z - np.max(z, axis=-1, keepdims=True)  # each state's own max: no overflow, no 0/0
    e = np.exp(z)
    return e / np.sum(e, axis=-1, keepdims=True)
