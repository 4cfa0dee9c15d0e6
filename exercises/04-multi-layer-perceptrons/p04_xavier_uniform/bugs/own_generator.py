# Bug: ignores the generator it was given and creates its own, so every call returns the same matrix.
# expect: generators seeded 42 and 43 gave the same matrix
import numpy as np


def xavier_uniform(n_in, n_out, rng):
    limit = np.sqrt(6.0 / (n_in + n_out))
    return np.random.default_rng(0).uniform(-limit, limit, size=(n_in, n_out))
