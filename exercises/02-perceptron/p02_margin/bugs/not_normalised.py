# Bug: forgets to divide by ||w||, so distances change when w and b are rescaled.
# expect: at index (0,): expected -0.707106781187, got -1.0
import numpy as np


def signed_distances(X, w, b):
    return (X @ w + b).astype(float)


def margin(X, y, w, b):
    return float(np.min((2 * y - 1) * signed_distances(X, w, b)))
