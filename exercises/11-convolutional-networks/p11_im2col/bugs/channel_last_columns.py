# Bug: the columns are ordered (row, column, channel), which does not match w.reshape(F, -1).
# expect: the columns are in the order (row, column, channel)
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def im2col(x, kh, kw, stride=1, padding=0):
    N, C, H, W = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    windows = sliding_window_view(xp, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]
    OH, OW = windows.shape[2], windows.shape[3]
    return windows.transpose(0, 2, 3, 4, 5, 1).reshape(N * OH * OW, C * kh * kw)
