# Wrong fix: removes every ReLU, so the hidden layers are linear too.
# expect: still need their ReLU
import numpy as np


def q_forward(X, params):
    A = X
    for W, b in params:
        A = A @ W + b
    return A
