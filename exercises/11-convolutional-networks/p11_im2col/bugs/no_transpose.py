# Bug: reshapes the (N, C, OH, OW, kh, kw) windows directly, mixing channels into the rows.
# expect: value(s) differ
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def im2col(x, kh, kw, stride=1, padding=0):
    N, C, H, W = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    windows = sliding_window_view(xp, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]
    OH, OW = windows.shape[2], windows.shape[3]
    return windows.reshape(N * OH * OW, C * kh * kw)
