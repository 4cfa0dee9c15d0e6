import numpy as np


def signed_distances(X, w, b):
    """Return (X @ w + b) / ||w||, the signed distance of every row to the boundary, (N,)."""
    # TODO
    return X @ w + b


def margin(X, y, w, b):
    """Return min over n of (2 y_n - 1) * signed distance n (negative if misclassified)."""
    # TODO
    return 0.0
