# Bug: "normalises" the observation in place (obs /= 255): the frames were already in [0, 1], and the caller's batch (a replay-buffer sample) is changed.
# expect: modified its input in place
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv2d(x, w, b, stride=1):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    windows = sliding_window_view(x, (KH, KW), axis=(2, 3))[:, :, ::stride, ::stride]
    OH, OW = windows.shape[2], windows.shape[3]
    cols = windows.transpose(0, 2, 3, 1, 4, 5).reshape(N * OH * OW, C * KH * KW)
    out = cols @ w.reshape(F, C * KH * KW).T
    return out.reshape(N, OH, OW, F).transpose(0, 3, 1, 2) + b.reshape(1, F, 1, 1)


def dqn_forward(obs, params):
    obs /= 255.0
    h = np.maximum(conv2d(obs, params["conv1_w"], params["conv1_b"], 4), 0)
    h = np.maximum(conv2d(h, params["conv2_w"], params["conv2_b"], 2), 0)
    h = np.maximum(conv2d(h, params["conv3_w"], params["conv3_b"], 1), 0)
    h = h.reshape(h.shape[0], -1)
    h = np.maximum(h @ params["fc1_w"] + params["fc1_b"], 0)
    return h @ params["fc2_w"] + params["fc2_b"]
