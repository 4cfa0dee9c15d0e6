# Bug: multiplies by y (0/1) instead of 2y - 1, so every class-0 example counts as distance 0.
# expect: expected 0.7071067811865475, got -0.0
import numpy as np


def signed_distances(X, w, b):
    return (X @ w + b) / np.linalg.norm(w)


def margin(X, y, w, b):
    return float(np.min(y * signed_distances(X, w, b)))
