# Bug: treats b as a threshold and subtracts it, so the neuron fires when w . x >= b.
# expect: expected 0, got 1
import numpy as np


def step_neuron(x, w, b):
    return int(np.dot(w, x) - b >= 0)
