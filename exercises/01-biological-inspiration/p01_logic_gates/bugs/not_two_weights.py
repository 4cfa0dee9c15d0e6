# Bug: NOT returns two weights although the NOT neuron has a single input.
# expect: expected w of shape (1,), got shape (2,)
import numpy as np


def and_params():
    return np.array([1.0, 1.0]), -1.5


def or_params():
    return np.array([1.0, 1.0]), -0.5


def nand_params():
    return np.array([-1.0, -1.0]), 1.5


def not_params():
    return np.array([-1.0, 0.0]), 0.5
