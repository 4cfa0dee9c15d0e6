# Bug: a ratio of norms over the whole array, not the worst entry: a small entry's error is drowned.
# expect: expected 0.0476190476
import numpy as np


def relative_error(a, b):
    return float(np.linalg.norm(a - b) / max(1e-8, np.linalg.norm(a) + np.linalg.norm(b)))
