# Bug: AND with b = -1 puts the input (1, 0) exactly on the tie, and a tie fires.
# expect: the weighted sum is 0.0, so the neuron outputs 1, but the gate should output 0
import numpy as np


def and_params():
    return np.array([1.0, 1.0]), -1.0


def or_params():
    return np.array([1.0, 1.0]), -0.5


def nand_params():
    return np.array([-1.0, -1.0]), 1.5


def not_params():
    return np.array([-1.0]), 0.5
