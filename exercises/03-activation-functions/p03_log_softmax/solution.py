import numpy as np


def _lse_keep(x, axis):
    """Log-sum-exp along `axis`, keeping that axis with length 1."""
    m = np.max(x, axis=axis, keepdims=True)
    return m + np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True))


def logsumexp(x, axis=-1):
    """Return log(sum(exp(x))) along `axis` (that axis removed), stable for entries of 1e4."""
    return np.squeeze(_lse_keep(x, axis), axis=axis)


def log_softmax(x, axis=-1):
    """Return log(softmax(x)) along `axis` (same shape as x), finite for entries of 1e4."""
    return x - _lse_keep(x, axis)
