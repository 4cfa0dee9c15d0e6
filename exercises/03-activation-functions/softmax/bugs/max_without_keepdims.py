# Bug: the max along axis drops the axis, so it broadcasts against the wrong dimension.
# expect: raised ValueError: operands could not be broadcast together
import numpy as np


def softmax(x, axis=-1):
    e = np.exp(x - np.max(x, axis=axis))
    return e / np.sum(e, axis=axis, keepdims=True)
