# Bug: NAND flips the sign of the bias but not of the weights, so it fires on every input.
# expect: the weighted sum is 3.5, so the neuron outputs 1, but the gate should output 0
import numpy as np


def and_params():
    return np.array([1.0, 1.0]), -1.5


def or_params():
    return np.array([1.0, 1.0]), -0.5


def nand_params():
    return np.array([1.0, 1.0]), 1.5


def not_params():
    return np.array([-1.0]), 0.5
