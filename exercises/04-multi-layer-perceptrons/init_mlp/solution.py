import numpy as np


def init_mlp(layer_sizes, seed=0):
    """He-normal weights and zero biases for an MLP, drawn from one generator seeded with `seed`."""
    rng = np.random.default_rng(seed)
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        std = np.sqrt(2.0 / n_in)  # keeps the signal's second moment constant through ReLUs
        W = rng.normal(0.0, std, size=(n_in, n_out))  # (n_in, n_out)
        b = np.zeros(n_out)  # (n_out,)
        params.append((W, b))
    return params
