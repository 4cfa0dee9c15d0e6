# Bug: forgets the bias.
# expect: the bias is missing
import numpy as np


def dense_forward(X, W, b):
    return X @ W
