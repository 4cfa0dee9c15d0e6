# Bug: normalises by the sum over the whole array instead of along `axis`.
import numpy as np


def softmax(x, axis=-1):
    e = np.exp(x - np.max(x))
    return e / np.sum(e)
