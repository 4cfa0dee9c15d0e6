import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv2d_backward(dout, x, w, stride=1, padding=0):
    """Gradients (dx, dw, db) of conv2d_forward(x, w, b, stride, padding), given dout (N, F, OH, OW)."""
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    OH, OW = dout.shape[2], dout.shape[3]
    p = padding
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p))) if p > 0 else x
    # The forward pass's im2col matrix, one row per (sample, position): (N*OH*OW, C*KH*KW).
    windows = sliding_window_view(xp, (KH, KW), axis=(2, 3))[:, :, ::stride, ::stride]
    cols = windows.transpose(0, 2, 3, 1, 4, 5).reshape(N * OH * OW, C * KH * KW)
    g = dout.transpose(0, 2, 3, 1).reshape(N * OH * OW, F)  # dout in the same row order
    # The bias touched every output value of its filter.
    db = dout.sum(axis=(0, 2, 3))  # (F,)
    # Each weight met one pixel of every window: sum window * dout over all rows.
    dw = np.einsum("mf,mk->fk", g, cols).reshape(F, C, KH, KW)
    # Each window sends dout back through the weights ...
    dcols = np.einsum("mf,fk->mk", g, w.reshape(F, C * KH * KW)).reshape(N, OH, OW, C, KH, KW)
    # ... and the pixels it came from add up what they receive (windows overlap): one strided
    # addition per kernel position (u, v) instead of one per window.
    dxp = np.zeros(xp.shape)
    for u in range(KH):
        for v in range(KW):
            rows = slice(u, u + stride * OH, stride)
            cols_ = slice(v, v + stride * OW, stride)
            dxp[:, :, rows, cols_] += dcols[:, :, :, :, u, v].transpose(0, 3, 1, 2)
    dx = dxp[:, :, p : p + H, p : p + W]  # drop the gradient of the padding zeros
    return dx, dw, db
