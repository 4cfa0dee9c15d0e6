# Bug: dx[...] = instead of +=, so where windows overlap only the last window's gradient is kept.
# expect: add (+=), do not assign
import numpy as np


def conv2d_backward(dout, x, w, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    OH, OW = dout.shape[2:]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    dxp, dw = np.zeros(xp.shape), np.zeros(w.shape)
    for i in range(OH):
        for j in range(OW):
            r, s = i * stride, j * stride
            win = xp[:, :, r : r + KH, s : s + KW]
            g = dout[:, :, i, j]
            dw += np.tensordot(g, win, axes=([0], [0]))
            dxp[:, :, r : r + KH, s : s + KW] = np.tensordot(g, w, axes=([1], [0]))
    db = dout.sum(axis=(0, 2, 3))
    return dxp[:, :, padding : padding + H, padding : padding + W], dw, db
