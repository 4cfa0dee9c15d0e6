# Bug: W2 and b2 have the wrong shapes ((2,) and ()) instead of (2, 1) and (1,).
# expect: W2 should have shape (2, 1), got (2,)
import numpy as np


def xor_network():
    W1 = np.array([[1.0, 1.0], [1.0, 1.0]])
    b1 = np.array([-0.5, -1.5])
    W2 = np.array([1.0, -1.0])
    b2 = np.array(-0.5)
    return [(W1, b1), (W2, b2)]
