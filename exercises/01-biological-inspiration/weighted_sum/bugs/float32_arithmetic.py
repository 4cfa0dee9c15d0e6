# Bug: casts to float32 "to save memory"; 1e8 + 1 rounds to 1e8 and the bias cancels it to 0.0.
# expect: float32 keeps only 24
import numpy as np


def weighted_sum(x, w, b):
    x32 = np.asarray(x, dtype=np.float32)
    w32 = np.asarray(w, dtype=np.float32)
    return float(np.dot(w32, x32) + np.float32(b))
