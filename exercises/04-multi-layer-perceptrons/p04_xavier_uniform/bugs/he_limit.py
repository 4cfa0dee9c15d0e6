# Bug: uses the He-uniform limit sqrt(6 / n_in), which ignores n_out.
# expect: but an entry has |w| = 0.10954
import numpy as np


def xavier_uniform(n_in, n_out, rng):
    limit = np.sqrt(6.0 / n_in)
    return rng.uniform(-limit, limit, size=(n_in, n_out))
