# Bug: draws from a *normal* with the Glorot std: right variance, but values fall outside [-a, a].
# expect: but an entry has |w| = 0.22032
import numpy as np


def xavier_uniform(n_in, n_out, rng):
    std = np.sqrt(2.0 / (n_in + n_out))
    return rng.normal(0.0, std, size=(n_in, n_out))
