# Bug: returns PyTorch's (n_out, n_in) weight layout instead of (n_in, n_out).
# expect: expected shape (n_in, n_out) = (4, 64), got (64, 4)
import numpy as np


def xavier_uniform(n_in, n_out, rng):
    limit = np.sqrt(6.0 / (n_in + n_out))
    return rng.uniform(-limit, limit, size=(n_out, n_in))
