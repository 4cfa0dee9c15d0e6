# Wrong fix: removes the flip but rewrites the window without the stride.
# expect: value(s) differ
import numpy as np


def feature_map(frame, kernel, stride=1):
    H, W = frame.shape
    KH, KW = kernel.shape
    OH = (H - KH) // stride + 1
    OW = (W - KW) // stride + 1
    out = np.zeros((OH, OW))
    for i in range(OH):
        for j in range(OW):
            out[i, j] = np.sum(frame[i : i + KH, j : j + KW] * kernel)
    return out
