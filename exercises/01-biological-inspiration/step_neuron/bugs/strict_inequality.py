# Bug: uses z > 0, so a weighted sum of exactly zero does not fire.
# expect: expected 1, got 0
import numpy as np


def step_neuron(x, w, b):
    return int(np.dot(w, x) + b > 0)
