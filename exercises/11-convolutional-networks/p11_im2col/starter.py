import numpy as np


def im2col(x, kh, kw, stride=1, padding=0):
    """Every kh x kw window of x (N, C, H, W) as a row: (N*OH*OW, C*kh*kw)."""
    N, C, H, W = x.shape
    # TODO: pad, then row n*OH*OW + i*OW + j holds the window of sample n at output (i, j),
    # flattened in the order (channel, row in window, column in window).
    return None
