# Bug: forgets to divide by 255: pixel values stay between 0 and 255.
# expect: not divided by 255
import numpy as np


def preprocess_frame(frame):
    f = frame.astype(np.float64)
    gray = 0.299 * f[:, :, 0] + 0.587 * f[:, :, 1] + 0.114 * f[:, :, 2]
    rows = np.arange(84) * 210 // 84
    cols = np.arange(84) * 160 // 84
    return gray[rows][:, cols].astype(np.float32)
