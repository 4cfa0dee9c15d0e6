# Bug: the bias is added inside the loop over channels, so it counts C times.
# expect: the bias is added once per channel
import numpy as np


def conv2d_forward(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    x = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    OH = (H + 2 * padding - KH) // stride + 1
    OW = (W + 2 * padding - KW) // stride + 1
    out = np.zeros((N, F, OH, OW))
    for c in range(C):
        for i in range(OH):
            for j in range(OW):
                window = x[:, c, i * stride : i * stride + KH, j * stride : j * stride + KW]
                out[:, :, i, j] += np.tensordot(window, w[:, c], axes=([1, 2], [1, 2]))
        out += b.reshape(1, F, 1, 1)
    return out
