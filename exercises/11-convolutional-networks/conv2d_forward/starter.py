import numpy as np


def conv2d_forward(x, w, b, stride=1, padding=0):
    """Cross-correlate x (N, C, H, W) with F filters w (F, C, KH, KW), add b (F,); (N, F, OH, OW)."""
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    # TODO: pad x with zeros, work out OH and OW, and fill out[n, f, i, j] with the sum over
    # channels and kernel positions of window * w[f], plus b[f].
    out = None
    return out
