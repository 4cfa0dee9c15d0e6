# Bug: a normal truncated at 2.5 standard deviations (redrawn until inside) and rescaled to
# the He std; mean, std and the 2-sigma fraction look right, but the tails are gone.
# expect: A truncated or clipped normal cuts off the tails
import numpy as np

TRUNCATED_STD = 0.9545  # std of a standard normal truncated to [-2.5, 2.5]


def init_mlp(layer_sizes, seed=0):
    rng = np.random.default_rng(seed)
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        z = rng.standard_normal((n_in, n_out))
        outside = np.abs(z) > 2.5
        while np.any(outside):
            z[outside] = rng.standard_normal(int(outside.sum()))
            outside = np.abs(z) > 2.5
        W = z / TRUNCATED_STD * np.sqrt(2.0 / n_in)
        params.append((W, np.zeros(n_out)))
    return params
