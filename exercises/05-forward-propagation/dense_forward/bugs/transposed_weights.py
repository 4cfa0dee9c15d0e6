# Bug: uses PyTorch's (n_out, n_in) layout; only runs for a square W, and then with the wrong weights.
# expect: transposed
import numpy as np


def dense_forward(X, W, b):
    return X @ W.T + b
