# Bug: applies the ReLU to the gradient itself, as if the backward pass were a forward pass.
# expect: differ
import numpy as np


def relu_backward(dout, Z):
    return np.maximum(dout, 0.0) * (Z > 0)
