import numpy as np


def xor_network():
    """Weights of a 2-2-1 step-activation network that computes XOR of two 0/1 inputs."""
    # Hidden unit 0 is OR (fires when x1 + x2 >= 0.5), hidden unit 1 is AND (x1 + x2 >= 1.5).
    W1 = np.array([[1.0, 1.0], [1.0, 1.0]])  # (2, 2)
    b1 = np.array([-0.5, -1.5])  # (2,)
    # Output fires when OR is on and AND is off: h0 - h1 >= 0.5.
    W2 = np.array([[1.0], [-1.0]])  # (2, 1)
    b2 = np.array([-0.5])  # (1,)
    return [(W1, b1), (W2, b2)]
