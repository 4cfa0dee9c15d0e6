# Wrong fix: seeds layer i with seed + i, so layer 1 of seed 0 reuses the draws of layer 0 of seed 1.
# expect: reuses 256 random numbers of the seed=0 network
import numpy as np


def make_q_network(obs_dim, n_actions, hidden=(64, 64), seed=0):
    sizes = [obs_dim, *hidden, n_actions]
    params = []
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        rng = np.random.default_rng(seed + i)
        W = rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))
        params.append((W, np.zeros(n_out)))
    return params
