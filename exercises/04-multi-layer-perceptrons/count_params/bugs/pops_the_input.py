# Bug: pops the input width off the caller's list, so the list is modified in place.
# expect: modified its input in place
def count_params(layer_sizes):
    total = 0
    prev = layer_sizes.pop(0)
    for n in layer_sizes:
        total += prev * n + n
        prev = n
    return total
