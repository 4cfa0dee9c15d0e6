import numpy as np


def xavier_uniform(n_in, n_out, rng):
    """Glorot/Xavier-uniform weights of shape (n_in, n_out) drawn from the generator `rng`."""
    limit = np.sqrt(6.0 / (n_in + n_out))  # U(-a, a) has variance a^2 / 3 = 2 / (n_in + n_out)
    return rng.uniform(-limit, limit, size=(n_in, n_out))
