# Bug: the off-by-one in the output size: (size + 2*padding - kernel) // stride windows.
# expect: one output row and column short
import numpy as np


def conv2d_forward(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    x = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    OH = (H + 2 * padding - KH) // stride
    OW = (W + 2 * padding - KW) // stride
    out = np.zeros((N, F, OH, OW))
    for i in range(OH):
        for j in range(OW):
            window = x[:, :, i * stride : i * stride + KH, j * stride : j * stride + KW]
            out[:, :, i, j] = np.tensordot(window, w, axes=([1, 2, 3], [1, 2, 3]))
    return out + b.reshape(1, F, 1, 1)
