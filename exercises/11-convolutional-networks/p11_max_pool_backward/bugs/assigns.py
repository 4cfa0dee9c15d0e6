# Bug: assigns with fancy indexing, so a pixel that wins two overlapping windows keeps one gradient.
# expect: value(s) differ
import numpy as np


def max_pool2d_backward(dout, x, kernel=2, stride=2):
    N, C, H, W = x.shape
    OH, OW = dout.shape[2:]
    dx = np.zeros(x.shape)
    n, c = np.meshgrid(np.arange(N), np.arange(C), indexing="ij")
    for i in range(OH):
        for j in range(OW):
            r, s = i * stride, j * stride
            k = x[:, :, r : r + kernel, s : s + kernel].reshape(N, C, -1).argmax(axis=2)
            dx[n, c, r + k // kernel, s + k % kernel] = dout[:, :, i, j]
    return dx
