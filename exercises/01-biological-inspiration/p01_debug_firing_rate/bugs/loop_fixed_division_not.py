# Bug: the loop now visits every row, but the count is still divided by the number of features.
# expect: expected 1.0, got 2.5
import numpy as np


def firing_rate(X, w, b):
    fired = 0
    for i in range(X.shape[0]):
        if np.dot(X[i], w) + b >= 0:
            fired += 1
    return fired / X.shape[1]
