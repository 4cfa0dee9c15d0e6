# Bug: thresholds every weighted feature separately and averages over all N*D entries.
import numpy as np


def firing_rate(X, w, b):
    return float(np.mean(X * w + b >= 0))
