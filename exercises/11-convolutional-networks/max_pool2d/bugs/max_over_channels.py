# Bug: the maximum is also taken over the channel axis, so every channel gets the same map.
# expect: Pooling mixes no channels
import numpy as np


def max_pool2d(x, kernel=2, stride=2):
    N, C, H, W = x.shape
    OH, OW = (H - kernel) // stride + 1, (W - kernel) // stride + 1
    out = np.zeros((N, C, OH, OW))
    for i in range(OH):
        for j in range(OW):
            window = x[:, :, i * stride : i * stride + kernel, j * stride : j * stride + kernel]
            out[:, :, i, j] = window.max(axis=(1, 2, 3))[:, None]
    return out
