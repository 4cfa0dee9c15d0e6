import numpy as np


def preprocess_frame(frame):
    """uint8 RGB (210, 160, 3) -> float32 grayscale (84, 84) in [0, 1]."""
    rgb = frame.astype(np.float64)  # uint8 arithmetic would wrap around at 255
    gray = 0.299 * rgb[:, :, 0] + 0.587 * rgb[:, :, 1] + 0.114 * rgb[:, :, 2]  # (210, 160)
    rows = np.arange(84) * 210 // 84  # nearest neighbour: 0, 2, 5, 7, 10, ...
    cols = np.arange(84) * 160 // 84  # 0, 1, 3, 5, 7, ...
    small = gray[rows][:, cols]  # (84, 84)
    return (small / 255.0).astype(np.float32)
