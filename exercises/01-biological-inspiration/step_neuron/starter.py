import numpy as np


def step_neuron(x, w, b):
    """Return 1 if w . x + b >= 0, else 0 (a Python int).

    x: (D,) inputs, w: (D,) weights, b: scalar bias.
    """
    # TODO: compute the weighted sum, then apply the threshold (a tie at exactly 0 fires).
    return 0
