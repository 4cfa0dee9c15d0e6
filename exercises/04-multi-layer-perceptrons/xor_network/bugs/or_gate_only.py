# Bug: the output only looks at the OR unit, so (1, 1) gives 1: this network computes OR.
# expect: for input (1, 1) should be 0 (XOR), got 1
import numpy as np


def xor_network():
    W1 = np.array([[1.0, 1.0], [1.0, 1.0]])
    b1 = np.array([-0.5, -1.5])
    W2 = np.array([[1.0], [0.0]])
    b2 = np.array([-0.5])
    return [(W1, b1), (W2, b2)]
