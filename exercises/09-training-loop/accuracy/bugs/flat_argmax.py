# Bug: np.argmax without an axis returns one index into the flattened array.
# expect: expected 0.75
import numpy as np


def accuracy(logits, labels):
    return float(np.mean(np.argmax(logits) == labels))
