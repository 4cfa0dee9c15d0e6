import numpy as np


def relu_backward(dout, Z):
    """dL/dZ from dL/dA for A = relu(Z): dout where Z > 0, else 0."""
    return np.where(Z > 0, dout, 0.0)  # a new array; Z == 0 counts as inactive
