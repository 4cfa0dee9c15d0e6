import numpy as np


def weighted_sum(x, w, b):
    """Return the neuron's pre-activation w . x + b as a single float.

    x: (D,) inputs, w: (D,) weights, b: scalar bias.
    """
    return float(np.dot(w, x) + b)
