import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def im2col(x, kh, kw, stride=1, padding=0):
    """Every kh x kw window of x (N, C, H, W) as a row: (N*OH*OW, C*kh*kw)."""
    N, C, H, W = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    windows = sliding_window_view(xp, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]
    OH, OW = windows.shape[2], windows.shape[3]  # (N, C, OH, OW, kh, kw)
    return windows.transpose(0, 2, 3, 1, 4, 5).reshape(N * OH * OW, C * kh * kw)
