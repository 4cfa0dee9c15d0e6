# Bug: OR with b = 0 fires for the input (0, 0), because a sum of exactly 0 fires.
# expect: for input (0, 0) the weighted sum is 0.0, so the neuron outputs 1
import numpy as np


def and_params():
    return np.array([1.0, 1.0]), -1.5


def or_params():
    return np.array([1.0, 1.0]), 0.0


def nand_params():
    return np.array([-1.0, -1.0]), 1.5


def not_params():
    return np.array([-1.0]), 0.5
