# Bug: divides by the squared norm w . w instead of the norm.
# expect: at index (0,): expected -0.707106781187, got -0.5
import numpy as np


def signed_distances(X, w, b):
    return (X @ w + b) / np.dot(w, w)


def margin(X, y, w, b):
    return float(np.min((2 * y - 1) * signed_distances(X, w, b)))
