# Bug: thresholds every weighted feature separately and averages over all N*D entries.
# expect: expected 1.0, got 0.6666666666666666
import numpy as np


def firing_rate(X, w, b):
    return float(np.mean(X * w + b >= 0))
