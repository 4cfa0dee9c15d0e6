import numpy as np


def init_mlp(layer_sizes, seed=0):
    """He-normal weights and zero biases for an MLP, drawn from one generator seeded with `seed`.

    layer_sizes: list of ints [n_0, ..., n_L].
    Returns a list with one (W, b) pair per layer: W of shape (n_in, n_out) with entries
    drawn from a normal distribution with mean 0 and std sqrt(2 / n_in), using
    np.random.default_rng(seed); b = zeros of shape (n_out,).
    """
    # TODO: create ONE generator, then loop over consecutive (n_in, n_out) pairs.
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        W = np.zeros((n_in, n_out))  # zeros: every hidden unit stays identical (symmetry)
        b = np.zeros(n_out)
        params.append((W, b))
    return params
