import numpy as np


def conv2d(x, w, b, stride=1):
    """Cross-correlation without padding: x (N, C, H, W), w (F, C, KH, KW), b (F,).

    Returns (N, F, OH, OW) with OH = (H - KH) // stride + 1, OW = (W - KW) // stride + 1.
    """
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    OH, OW = (H - KH) // stride + 1, (W - KW) // stride + 1
    out = np.zeros((N, F, OH, OW))
    # TODO: fill out[:, f, r, c] with the sum of w[f] times the window of x that starts
    # at row r * stride and column c * stride, plus b[f].
    return out


def relu(x):
    """max(x, 0) elementwise, as a new array."""
    # TODO
    return x


def dense(x, W, b):
    """x (N, D) @ W (D, M) + b (M,) -> (N, M)."""
    # TODO
    return np.zeros((x.shape[0], W.shape[1]))


def dqn_forward(obs, params):
    """Q-values (N, n_actions) of the Nature DQN architecture for obs (N, C, H, W)."""
    # TODO: conv1 (stride 4), conv2 (stride 2), conv3 (stride 1), each followed by relu;
    # flatten; fc1 followed by relu; fc2 with no activation. Use your three functions.
    n_actions = params["fc2_b"].shape[0]
    return np.zeros((obs.shape[0], n_actions))
