def count_params(layer_sizes):
    """Number of weights and biases in a fully connected network with these layer widths.

    layer_sizes: list of ints [n_0, n_1, ..., n_L] (input width first, output width last).
    Returns an int: the sum over consecutive pairs (n_in, n_out) of n_in * n_out + n_out.
    Example: count_params([4, 64, 64, 2]) == 4610.
    """
    # TODO: loop over consecutive pairs (n_in, n_out) and add the weights and the biases.
    total = 0
    for n in layer_sizes:
        total += n
    return total
