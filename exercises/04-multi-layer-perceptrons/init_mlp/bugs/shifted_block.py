# Bug: draws one block of standard normals and hands each layer the same block rolled by one
# place; every statistic looks right, but the layers are shifted copies of each other.
# expect: shifted copies of one block of draws
import numpy as np


def init_mlp(layer_sizes, seed=0):
    rng = np.random.default_rng(seed)
    pairs = list(zip(layer_sizes[:-1], layer_sizes[1:]))
    block = rng.standard_normal(max(n_in * n_out for n_in, n_out in pairs))
    params = []
    for i, (n_in, n_out) in enumerate(pairs):
        z = np.roll(block, i)[: n_in * n_out].reshape(n_in, n_out)
        params.append((z * np.sqrt(2.0 / n_in), np.zeros(n_out)))
    return params
