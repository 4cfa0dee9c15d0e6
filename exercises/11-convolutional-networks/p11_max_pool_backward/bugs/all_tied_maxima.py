# Bug: a mask (window == max) sends the gradient to every tied maximum.
# expect: on a tie every maximal pixel got the gradient
import numpy as np


def max_pool2d_backward(dout, x, kernel=2, stride=2):
    N, C, H, W = x.shape
    OH, OW = dout.shape[2:]
    dx = np.zeros(x.shape)
    for i in range(OH):
        for j in range(OW):
            r, s = i * stride, j * stride
            win = x[:, :, r : r + kernel, s : s + kernel]
            mask = win == win.max(axis=(2, 3), keepdims=True)
            dx[:, :, r : r + kernel, s : s + kernel] += mask * dout[:, :, i : i + 1, j : j + 1]
    return dx
