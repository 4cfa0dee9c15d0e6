# Wrong fix: reseeds the global np.random state, which silently resets every other user of np.random.
# expect: changed the global np.random state
import numpy as np


def make_q_network(obs_dim, n_actions, hidden=(64, 64), seed=0):
    sizes = [obs_dim, *hidden, n_actions]
    np.random.seed(seed)
    params = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        W = np.random.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))
        params.append((W, np.zeros(n_out)))
    return params
