# Wrong fix: one generator, but created without the seed, so runs can no longer be reproduced.
# expect: 256 of 256 value(s) differ
import numpy as np


def make_q_network(obs_dim, n_actions, hidden=(64, 64), seed=0):
    sizes = [obs_dim, *hidden, n_actions]
    rng = np.random.default_rng()
    params = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        W = rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))
        params.append((W, np.zeros(n_out)))
    return params
