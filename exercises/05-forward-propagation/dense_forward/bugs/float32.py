# Bug: computes in float32 (as a GPU framework would); small terms next to 1e8 are rounded away.
# expect: lost precision
import numpy as np


def dense_forward(X, W, b):
    return X.astype(np.float32) @ W.astype(np.float32) + b.astype(np.float32)
