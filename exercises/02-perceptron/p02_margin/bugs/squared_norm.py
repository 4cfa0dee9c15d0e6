# Bug: divides by the squared norm w . w instead of the norm.
import numpy as np


def signed_distances(X, w, b):
    return (X @ w + b) / np.dot(w, w)


def margin(X, y, w, b):
    return float(np.min((2 * y - 1) * signed_distances(X, w, b)))
