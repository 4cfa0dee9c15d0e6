import numpy as np


def conv2d(x, w, b, stride=1):
    """Cross-correlation without padding: x (N, C, H, W), w (F, C, KH, KW), b (F,).

    Returns (N, F, OH, OW) with OH = (H - KH) // stride + 1, OW = (W - KW) // stride + 1.
    """
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    OH, OW = (H - KH) // stride + 1, (W - KW) // stride + 1
    out = np.empty((N, F, OH, OW))
    for r in range(OH):
        for c in range(OW):
            # The window of output position (r, c) starts at (r * stride, c * stride);
            # tensordot contracts it with every filter over (C, KH, KW) at once: (N, F).
            window = x[:, :, r * stride : r * stride + KH, c * stride : c * stride + KW]
            out[:, :, r, c] = np.tensordot(window, w, axes=([1, 2, 3], [1, 2, 3]))
    return out + b.reshape(1, F, 1, 1)


def relu(x):
    """max(x, 0) elementwise, as a new array."""
    return np.maximum(x, 0.0)


def dense(x, W, b):
    """x (N, D) @ W (D, M) + b (M,) -> (N, M)."""
    return x @ W + b


def dqn_forward(obs, params):
    """Q-values (N, n_actions) of the Nature DQN architecture for obs (N, C, H, W)."""
    h = relu(conv2d(obs, params["conv1_w"], params["conv1_b"], stride=4))  # (N, 32, 20, 20)
    h = relu(conv2d(h, params["conv2_w"], params["conv2_b"], stride=2))  # (N, 64, 9, 9)
    h = relu(conv2d(h, params["conv3_w"], params["conv3_b"], stride=1))  # (N, 64, 7, 7)
    h = h.reshape(h.shape[0], -1)  # (N, 3136): C order, channel by channel
    h = relu(dense(h, params["fc1_w"], params["fc1_b"]))  # (N, 512)
    return dense(h, params["fc2_w"], params["fc2_b"])  # (N, n_actions), linear
