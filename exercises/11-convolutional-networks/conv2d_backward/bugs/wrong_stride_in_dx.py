# Bug: the wrong stride in backward: dx gets window (i, j)'s gradient at (i, j), not (i*s, j*s).
# expect: the wrong stride in the backward pass
import numpy as np


def conv2d_backward(dout, x, w, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    OH, OW = dout.shape[2:]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    dxp, dw = np.zeros(xp.shape), np.zeros(w.shape)
    for i in range(OH):
        for j in range(OW):
            win = xp[:, :, i * stride : i * stride + KH, j * stride : j * stride + KW]
            g = dout[:, :, i, j]  # (N, F)
            dw += np.tensordot(g, win, axes=([0], [0]))
            dxp[:, :, i : i + KH, j : j + KW] += np.tensordot(g, w, axes=([1], [0]))
    db = dout.sum(axis=(0, 2, 3))
    return dxp[:, :, padding : padding + H, padding : padding + W], dw, db
