import numpy as np


def signed_distances(X, w, b):
    """Return (X @ w + b) / ||w||, the signed distance of every row to the boundary, (N,)."""
    return (X @ w + b) / np.linalg.norm(w)


def margin(X, y, w, b):
    """Return min over n of (2 y_n - 1) * signed distance n (negative if misclassified)."""
    signs = 2 * y - 1  # class 0 -> -1, class 1 -> +1
    return float(np.min(signs * signed_distances(X, w, b)))
