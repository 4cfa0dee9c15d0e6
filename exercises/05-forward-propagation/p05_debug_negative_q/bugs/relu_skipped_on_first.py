# Wrong fix: skips the ReLU on the first layer instead of the last one.
# expect: never returns a negative number
import numpy as np


def relu(z):
    return np.maximum(z, 0.0)


def q_forward(X, params):
    A = X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        A = Z if i == 0 else relu(Z)
    return A
