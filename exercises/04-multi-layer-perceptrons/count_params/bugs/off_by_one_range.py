# Bug: the loop stops one pair early, so the output layer is never counted.
# expect: expected 8, got 0
def count_params(layer_sizes):
    total = 0
    for i in range(len(layer_sizes) - 2):
        total += layer_sizes[i] * layer_sizes[i + 1] + layer_sizes[i + 1]
    return total
