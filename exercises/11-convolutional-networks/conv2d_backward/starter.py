import numpy as np


def conv2d_backward(dout, x, w, stride=1, padding=0):
    """Gradients (dx, dw, db) of conv2d_forward(x, w, b, stride, padding), given dout (N, F, OH, OW)."""
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    # TODO: redo the forward pass's windows; every window (n, i, j) adds
    #   window * dout[n, f, i, j]       to dw[f]
    #   w[f] * dout[n, f, i, j]         to the pixels of dx it covers
    # and db[f] is the sum of dout[:, f]. Remove the padding from dx at the end.
    dx = dw = db = None
    return dx, dw, db
