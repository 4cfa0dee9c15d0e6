# Bug: uses the target standard deviation sqrt(2 / (n_in + n_out)) as the half-width, so the variance is 3x too small.
# expect: the largest |w| is only 0.05000
import numpy as np


def xavier_uniform(n_in, n_out, rng):
    limit = np.sqrt(2.0 / (n_in + n_out))
    return rng.uniform(-limit, limit, size=(n_in, n_out))
