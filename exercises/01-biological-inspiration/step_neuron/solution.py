import numpy as np


def step_neuron(x, w, b):
    """Return 1 if w . x + b >= 0, else 0 (a Python int).

    x: (D,) inputs, w: (D,) weights, b: scalar bias.
    """
    z = np.dot(w, x) + b
    return 1 if z >= 0 else 0
