import numpy as np


def xavier_uniform(n_in, n_out, rng):
    """Glorot/Xavier-uniform weights of shape (n_in, n_out) drawn from the generator `rng`.

    Entries are uniform on [-a, a] with a = sqrt(6 / (n_in + n_out)), so that the variance is
    2 / (n_in + n_out). Use the generator you are given (do not create a new one).
    """
    # TODO: compute the limit a and draw from rng.
    return rng.standard_normal((n_in, n_out))
