# Bug: passes the variance 2/n_in as the standard deviation (forgot the square root).
# expect: should be sqrt(2/1000) = 0.04472, got 0.00200
import numpy as np


def init_mlp(layer_sizes, seed=0):
    rng = np.random.default_rng(seed)
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        W = rng.normal(0.0, 2.0 / n_in, size=(n_in, n_out))
        params.append((W, np.zeros(n_out)))
    return params
