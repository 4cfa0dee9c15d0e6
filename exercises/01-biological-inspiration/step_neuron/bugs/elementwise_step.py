# Bug: thresholds each weighted input separately and returns an array, never summing the evidence.
# expect: expected an int, got numpy.ndarray
import numpy as np


def step_neuron(x, w, b):
    return (w * x + b >= 0).astype(int)
