# Bug: returns a percentage (0 to 100) instead of a fraction (0 to 1).
# expect: expected 0.75, got 75.0
import numpy as np


def accuracy(logits, labels):
    return float(100.0 * np.mean(np.argmax(logits, axis=1) == labels))
