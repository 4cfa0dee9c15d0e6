# Bug: a running maximum that starts at 0, so windows of negative values give 0.
# expect: a running maximum that starts at 0
import numpy as np


def max_pool2d(x, kernel=2, stride=2):
    N, C, H, W = x.shape
    OH, OW = (H - kernel) // stride + 1, (W - kernel) // stride + 1
    out = np.zeros((N, C, OH, OW))
    for u in range(kernel):
        for v in range(kernel):
            patch = x[:, :, u : u + stride * (OH - 1) + 1 : stride, v : v + stride * (OW - 1) + 1 : stride]
            out = np.maximum(out, patch)
    return out
