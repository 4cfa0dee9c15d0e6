# Bug: re-seeds every layer with seed + i; layers differ, but the network for seed 1 reuses
# the draws of the network for seed 0 (layer 0 of seed 1 = the start of layer 1 of seed 0).
# expect: reuses 256 random numbers of the seed=0 network
import numpy as np


def init_mlp(layer_sizes, seed=0):
    params = []
    for i, (n_in, n_out) in enumerate(zip(layer_sizes[:-1], layer_sizes[1:])):
        rng = np.random.default_rng(seed + i)
        W = rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))
        params.append((W, np.zeros(n_out)))
    return params
