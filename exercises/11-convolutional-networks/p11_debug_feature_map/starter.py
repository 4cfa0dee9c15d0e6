import numpy as np


def feature_map(frame, kernel, stride=1):
    """Cross-correlate one frame (H, W) with one kernel (KH, KW), no padding: (OH, OW)."""
    H, W = frame.shape
    KH, KW = kernel.shape
    OH = (H - KH) // stride + 1
    OW = (W - KW) // stride + 1
    out = np.zeros((OH, OW))
    for i in range(OH):
        for j in range(OW):
            window = frame[i * stride : i * stride + KH, j * stride : j * stride + KW]
            # A convolution slides the kernel, rotated by 180 degrees, over the frame.
            out[i, j] = np.sum(window * kernel[::-1, ::-1])
    return out
