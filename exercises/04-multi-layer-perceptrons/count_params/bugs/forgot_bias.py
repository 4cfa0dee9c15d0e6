# Bug: counts only the weight matrices and forgets the n_out biases of every layer.
# expect: expected 8, got 6
def count_params(layer_sizes):
    total = 0
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        total += n_in * n_out
    return total
