# Bug: He-*uniform* (U(-sqrt(6/n_in), sqrt(6/n_in)), right std) instead of the He-normal the contract asks for.
# expect: your weights have 0.00% (a uniform distribution has none there)
import numpy as np


def init_mlp(layer_sizes, seed=0):
    rng = np.random.default_rng(seed)
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        limit = np.sqrt(6.0 / n_in)
        W = rng.uniform(-limit, limit, size=(n_in, n_out))
        params.append((W, np.zeros(n_out)))
    return params
