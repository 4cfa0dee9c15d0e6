# Bug: applies the weights in BGR order (as OpenCV stores images): 0.299 goes to blue, 0.114 to red.
# expect: BGR order
import numpy as np


def preprocess_frame(frame):
    f = frame.astype(np.float64)
    gray = 0.299 * f[:, :, 2] + 0.587 * f[:, :, 1] + 0.114 * f[:, :, 0]
    rows = np.arange(84) * 210 // 84
    cols = np.arange(84) * 160 // 84
    return (gray[rows][:, cols] / 255.0).astype(np.float32)
