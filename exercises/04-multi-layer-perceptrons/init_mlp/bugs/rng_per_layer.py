# Bug: creates a fresh generator inside the loop, so every layer reuses the same random draws.
# expect: are copies of each other
import numpy as np


def init_mlp(layer_sizes, seed=0):
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        rng = np.random.default_rng(seed)
        W = rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))
        params.append((W, np.zeros(n_out)))
    return params
