# Bug: returns float64 (twice the memory in a replay buffer; the contract says float32).
# expect: expected dtype float32
import numpy as np


def preprocess_frame(frame):
    f = frame.astype(np.float64)
    gray = 0.299 * f[:, :, 0] + 0.587 * f[:, :, 1] + 0.114 * f[:, :, 2]
    rows = np.arange(84) * 210 // 84
    cols = np.arange(84) * 160 // 84
    return gray[rows][:, cols] / 255.0
