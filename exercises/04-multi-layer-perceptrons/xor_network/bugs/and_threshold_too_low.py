# Bug: the second hidden unit uses threshold 0.5 like the first, so it is OR too and the output is always 0.
# expect: for input (0, 1) should be 1 (XOR), got 0
import numpy as np


def xor_network():
    W1 = np.array([[1.0, 1.0], [1.0, 1.0]])
    b1 = np.array([-0.5, -0.5])
    W2 = np.array([[1.0], [-1.0]])
    b2 = np.array([-0.5])
    return [(W1, b1), (W2, b2)]
