import numpy as np


def preprocess_frame(frame):
    """uint8 RGB (210, 160, 3) -> float32 grayscale (84, 84) in [0, 1]."""
    # TODO: 1. luminance 0.299 R + 0.587 G + 0.114 B (in floats), shape (210, 160);
    #       2. keep row i * 210 // 84 and column j * 160 // 84 for i, j in 0..83;
    #       3. divide by 255 and return float32.
    return np.zeros((84, 84), dtype=np.float32)
