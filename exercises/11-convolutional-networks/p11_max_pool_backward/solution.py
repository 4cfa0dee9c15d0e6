import numpy as np


def max_pool2d_backward(dout, x, kernel=2, stride=2):
    """Gradient of max_pool2d(x, kernel, stride) w.r.t. x (N, C, H, W), given dout (N, C, OH, OW)."""
    N, C, H, W = x.shape
    OH, OW = dout.shape[2], dout.shape[3]
    dx = np.zeros(x.shape)
    n, c = np.meshgrid(np.arange(N), np.arange(C), indexing="ij")  # (N, C) index grids
    for i in range(OH):
        for j in range(OW):
            r, s = i * stride, j * stride
            window = x[:, :, r : r + kernel, s : s + kernel].reshape(N, C, -1)
            k = window.argmax(axis=2)  # the first maximum in row-major order, as PyTorch
            # Overlapping windows may pick the same pixel: add, do not assign.
            np.add.at(dx, (n, c, r + k // kernel, s + k % kernel), dout[:, :, i, j])
    return dx
