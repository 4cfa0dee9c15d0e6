# Bug: the output size uses the stride, but the window starts at (r, c) instead of (r * stride, c * stride).
# expect: stride=2
import numpy as np


def conv2d(x, w, b, stride=1):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    OH, OW = (H - KH) // stride + 1, (W - KW) // stride + 1
    out = np.empty((N, F, OH, OW))
    for r in range(OH):
        for c in range(OW):
            window = x[:, :, r : r + KH, c : c + KW]
            out[:, :, r, c] = np.tensordot(window, w, axes=([1, 2, 3], [1, 2, 3]))
    return out + b.reshape(1, F, 1, 1)


def relu(x):
    return np.maximum(x, 0.0)


def dense(x, W, b):
    return x @ W + b


def dqn_forward(obs, params):
    h = relu(conv2d(obs, params["conv1_w"], params["conv1_b"], stride=4))
    h = relu(conv2d(h, params["conv2_w"], params["conv2_b"], stride=2))
    h = relu(conv2d(h, params["conv3_w"], params["conv3_b"], stride=1))
    h = h.reshape(h.shape[0], -1)
    h = relu(dense(h, params["fc1_w"], params["fc1_b"]))
    return dense(h, params["fc2_w"], params["fc2_b"])
