# Bug: scales by the layer's output width (fan-out) instead of its input width (fan-in).
# expect: should have std sqrt(2/4000) = 0.0224, got 0.2002
import numpy as np


def init_mlp(layer_sizes, seed=0):
    rng = np.random.default_rng(seed)
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        W = rng.normal(0.0, np.sqrt(2.0 / n_out), size=(n_in, n_out))
        params.append((W, np.zeros(n_out)))
    return params
