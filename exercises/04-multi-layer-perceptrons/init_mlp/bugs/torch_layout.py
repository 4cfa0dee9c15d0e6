# Bug: uses PyTorch's nn.Linear layout (n_out, n_in), so x @ W does not even line up.
# expect: expected shape (4, 64) ((n_in, n_out) = (4, 64)), got (64, 4)
import numpy as np


def init_mlp(layer_sizes, seed=0):
    rng = np.random.default_rng(seed)
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        W = rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_out, n_in))
        params.append((W, np.zeros(n_out)))
    return params
