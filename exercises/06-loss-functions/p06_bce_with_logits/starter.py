import numpy as np


def bce_with_logits(logits, targets):
    """Mean over all elements of log(1 + exp(z)) - y * z, stable for |z| up to 1e4."""
    # TODO: a softplus that never overflows, minus targets * logits, averaged.
    return 0.0
