# Bug: draws from the global np.random state and ignores `seed`, so results are not reproducible.
# expect: changed the global np.random state
import numpy as np


def init_mlp(layer_sizes, seed=0):
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        W = np.random.randn(n_in, n_out) * np.sqrt(2.0 / n_in)
        params.append((W, np.zeros(n_out)))
    return params
