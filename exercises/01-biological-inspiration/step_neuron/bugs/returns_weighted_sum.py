# Bug: forgets the threshold and returns the raw weighted sum.
# expect: expected an int, got the float
import numpy as np


def step_neuron(x, w, b):
    return float(np.dot(w, x) + b)
