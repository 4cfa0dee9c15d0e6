import numpy as np


def bce_with_logits(logits, targets):
    """Mean over all elements of log(1 + exp(z)) - y * z, stable for |z| up to 1e4."""
    z, y = logits, targets
    softplus = np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))  # exponent <= 0 always
    return float(np.mean(softplus - y * z))
