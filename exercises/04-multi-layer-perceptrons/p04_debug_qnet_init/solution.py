import numpy as np


def make_q_network(obs_dim, n_actions, hidden=(64, 64), seed=0):
    """He-initialized parameters of a Q-network obs_dim -> *hidden -> n_actions."""
    sizes = [obs_dim, *hidden, n_actions]
    rng = np.random.default_rng(seed)  # one generator for the whole network
    params = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        W = rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))  # (n_in, n_out)
        b = np.zeros(n_out)  # (n_out,)
        params.append((W, b))
    return params
