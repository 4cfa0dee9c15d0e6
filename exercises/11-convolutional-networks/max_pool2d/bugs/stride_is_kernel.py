# Bug: the windows always move by `kernel`; the stride argument is ignored.
# expect: expected shape
import numpy as np


def max_pool2d(x, kernel=2, stride=2):
    N, C, H, W = x.shape
    OH, OW = H // kernel, W // kernel
    return x[:, :, : OH * kernel, : OW * kernel].reshape(N, C, OH, kernel, OW, kernel).max(axis=(3, 5))
