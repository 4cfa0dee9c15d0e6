# Wrong fix: keeps the hidden ReLUs but takes the absolute value of the output.
# expect: never returns a negative number
import numpy as np


def relu(z):
    return np.maximum(z, 0.0)


def q_forward(X, params):
    A = X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        A = Z if i == len(params) - 1 else relu(Z)
    return np.abs(A)
