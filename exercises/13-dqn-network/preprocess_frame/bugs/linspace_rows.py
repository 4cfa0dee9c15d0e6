# Bug: picks rows and columns with np.linspace (a different nearest-neighbour grid).
# expect: come from np.linspace
import numpy as np


def preprocess_frame(frame):
    f = frame.astype(np.float64)
    gray = 0.299 * f[:, :, 0] + 0.587 * f[:, :, 1] + 0.114 * f[:, :, 2]
    rows = np.linspace(0, 209, 84).astype(int)
    cols = np.linspace(0, 159, 84).astype(int)
    return (gray[rows][:, cols] / 255.0).astype(np.float32)
