import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv2d_backward(dout, x, w, stride=1, padding=0):
    """Gradients (dx, dw, db) of conv2d_forward(x, w, b, stride, padding), given dout (N, F, OH, OW)."""
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    OH, OW = dout.shape[2], dout.shape[3]
    p = padding
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p))) if p > 0 else x
    windows = sliding_window_view(xp, (KH, KW), axis=(2, 3))[:, :, ::stride, ::stride]
    # windows: (N, C, OH, OW, KH, KW); the bias touched every output value of its filter.
    db = dout.sum(axis=(0, 2, 3))  # (F,)
    # Each weight met one pixel of every window: sum window * dout over samples and positions.
    dw = np.tensordot(dout, windows, axes=([0, 2, 3], [0, 2, 3]))  # (F, C, KH, KW)
    # Each window sends dout back through the weights, (N, OH, OW, C, KH, KW) -> (N, C, OH, OW, KH, KW) ...
    dcols = np.tensordot(dout, w, axes=([1], [0])).transpose(0, 3, 1, 2, 4, 5)
    # ... and the pixels it came from add up what they receive (windows overlap).
    dxp = np.zeros(xp.shape)
    for u in range(KH):
        for v in range(KW):
            dxp[:, :, u : u + stride * OH : stride, v : v + stride * OW : stride] += dcols[
                ..., u, v
            ]
    dx = dxp[:, :, p : p + H, p : p + W]  # drop the gradient of the padding zeros
    return dx, dw, db
