# Bug: np.sum over a float array returns a float (4610.0), not an int parameter count.
# expect: expected an int, got the float
import numpy as np


def count_params(layer_sizes):
    sizes = np.array(layer_sizes, dtype=float)
    return np.sum(sizes[:-1] * sizes[1:] + sizes[1:])
