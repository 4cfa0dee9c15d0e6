# Bug: counts a single bias per layer instead of one bias per output unit.
# expect: expected 8, got 7
def count_params(layer_sizes):
    total = 0
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        total += n_in * n_out + 1
    return total
