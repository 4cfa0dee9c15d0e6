# Bug: the output weights have the wrong signs, so the network computes XNOR (NOT XOR).
# expect: for input (0, 1) should be 1 (XOR), got 0
import numpy as np


def xor_network():
    W1 = np.array([[1.0, 1.0], [1.0, 1.0]])
    b1 = np.array([-0.5, -1.5])
    W2 = np.array([[-1.0], [1.0]])
    b2 = np.array([0.5])
    return [(W1, b1), (W2, b2)]
