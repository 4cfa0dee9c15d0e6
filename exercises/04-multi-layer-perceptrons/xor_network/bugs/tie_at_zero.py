# Bug: output bias 0 forgets that step(0) = 1, so the input (0, 0) fires the output.
# expect: for input (0, 0) should be 0 (XOR), got 1
import numpy as np


def xor_network():
    W1 = np.array([[1.0, 1.0], [1.0, 1.0]])
    b1 = np.array([-0.5, -1.5])
    W2 = np.array([[1.0], [-1.0]])
    b2 = np.array([0.0])
    return [(W1, b1), (W2, b2)]
