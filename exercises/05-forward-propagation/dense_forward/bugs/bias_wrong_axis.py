# Bug: b reshaped to (M, 1) broadcasts down the rows; it only runs when N == M (or N == 1) and then adds b[n] to row n.
# expect: wrong axis
import numpy as np


def dense_forward(X, W, b):
    return X @ W + b.reshape(-1, 1)
