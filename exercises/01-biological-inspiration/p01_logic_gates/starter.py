import numpy as np


def and_params():
    """Return (w, b) so that a step neuron computes x1 AND x2."""
    # TODO: choose the weights and the bias.
    return np.array([1.0, 1.0]), 0.0


def or_params():
    """Return (w, b) so that a step neuron computes x1 OR x2."""
    # TODO: choose the weights and the bias.
    return np.array([1.0, 1.0]), 0.0


def nand_params():
    """Return (w, b) so that a step neuron computes NOT (x1 AND x2)."""
    # TODO: choose the weights and the bias.
    return np.array([1.0, 1.0]), 0.0


def not_params():
    """Return (w, b) with w of length 1 so that a step neuron computes NOT x1."""
    # TODO: choose the weight and the bias.
    return np.array([1.0]), 0.0
