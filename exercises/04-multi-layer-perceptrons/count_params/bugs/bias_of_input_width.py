# Bug: adds n_in biases per layer instead of n_out (one bias per *output* unit).
# expect: expected 8, got 9
def count_params(layer_sizes):
    total = 0
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        total += n_in * n_out + n_in
    return total
