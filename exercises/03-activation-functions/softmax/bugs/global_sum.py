# Bug: normalises by the sum over the whole array instead of along `axis`.
# expect: at index (0, 0): expected 0.118282246527, got 0.00762025101793
import numpy as np


def softmax(x, axis=-1):
    e = np.exp(x - np.max(x))
    return e / np.sum(e)
