import numpy as np


def and_params():
    """Return (w, b) so that a step neuron computes x1 AND x2."""
    return np.array([1.0, 1.0]), -1.5


def or_params():
    """Return (w, b) so that a step neuron computes x1 OR x2."""
    return np.array([1.0, 1.0]), -0.5


def nand_params():
    """Return (w, b) so that a step neuron computes NOT (x1 AND x2)."""
    return np.array([-1.0, -1.0]), 1.5


def not_params():
    """Return (w, b) with w of length 1 so that a step neuron computes NOT x1."""
    return np.array([-1.0]), 0.5
