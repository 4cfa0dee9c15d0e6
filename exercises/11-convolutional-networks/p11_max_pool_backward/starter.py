import numpy as np


def max_pool2d_backward(dout, x, kernel=2, stride=2):
    """Gradient of max_pool2d(x, kernel, stride) w.r.t. x (N, C, H, W), given dout (N, C, OH, OW)."""
    N, C, H, W = x.shape
    dx = np.zeros(x.shape)
    # TODO: for every window, add dout[n, c, i, j] to the pixel of x that was its maximum.
    return dx
