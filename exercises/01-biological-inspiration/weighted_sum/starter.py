import numpy as np


def weighted_sum(x, w, b):
    """Return the neuron's pre-activation w . x + b as a single float.

    x: (D,) inputs, w: (D,) weights, b: scalar bias.
    """
    # TODO: multiply each input by its weight, add the products, then add the bias once.
    return 0.0
