# Bug: "fixes" floating-point noise with a tolerance, so sums slightly below 0 fire too.
# expect: sum -1e-300, below 0: silent
import numpy as np


def step_neuron(x, w, b):
    z = np.dot(w, x) + b
    return 1 if z >= -1e-9 else 0
