# Bug: shifts by the global max; a row far below it underflows to 0 / 0 = nan.
# expect: found NaN
import numpy as np


def softmax(x, axis=-1):
    e = np.exp(x - np.max(x))
    return e / np.sum(e, axis=axis, keepdims=True)
