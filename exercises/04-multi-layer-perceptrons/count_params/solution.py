def count_params(layer_sizes):
    """Number of weights and biases in a fully connected network with these layer widths."""
    total = 0
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        total += n_in * n_out + n_out  # W is (n_in, n_out), b is (n_out,)
    return total
