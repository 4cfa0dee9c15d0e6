# Bug: returns the NumPy boolean from the comparison instead of the integer 1 or 0.
# expect: got the boolean
import numpy as np


def step_neuron(x, w, b):
    return np.dot(w, x) + b >= 0
