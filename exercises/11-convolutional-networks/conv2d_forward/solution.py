import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv2d_forward(x, w, b, stride=1, padding=0):
    """Cross-correlate x (N, C, H, W) with F filters w (F, C, KH, KW), add b (F,); (N, F, OH, OW)."""
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    if padding > 0:
        x = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))  # a new array
    OH = (H + 2 * padding - KH) // stride + 1
    OW = (W + 2 * padding - KW) // stride + 1
    # Every KH x KW window, as a view (no copy); keep the window starts 0, stride, 2*stride, ...
    windows = sliding_window_view(x, (KH, KW), axis=(2, 3))[:, :, ::stride, ::stride]
    # windows: (N, C, OH, OW, KH, KW)
    # im2col: one row per (sample, output position), one column per (channel, ky, kx).
    cols = windows.transpose(0, 2, 3, 1, 4, 5).reshape(N * OH * OW, C * KH * KW)
    # All filters on all windows in one matrix product:
    # (N*OH*OW, C*KH*KW) times (F, C*KH*KW) transposed -> (N*OH*OW, F).
    # einsum rather than @: Pyodide's NumPy has no BLAS, and einsum's own loop is faster than
    # NumPy's fallback matmul for this shape (bench/bench_conv.py); in CPython both are fast.
    out = np.einsum("mk,fk->mf", cols, w.reshape(F, C * KH * KW))
    return out.reshape(N, OH, OW, F).transpose(0, 3, 1, 2) + b.reshape(1, F, 1, 1)
