# Bug: always normalises along the last axis, ignoring the axis argument.
# expect: at index (0, 0): expected 0.0103251861958, got 0.136234160192
import numpy as np


def softmax(x, axis=-1):
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)
