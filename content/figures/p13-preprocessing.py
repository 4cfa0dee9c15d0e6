"""A Pong-like Atari frame, the same frame preprocessed, and a stack of four."""

import matplotlib.pyplot as plt
import numpy as np

CAPTION = (
    "Top left: a $210 \\times 160$ RGB frame of a Pong-like game that the course draws with "
    "NumPy (brown field, two paddles, a ball). Top right: the same frame after "
    "`preprocess_frame`: luminance, nearest-neighbour resize to $84 \\times 84$, values in "
    "$[0, 1]$. Bottom: the state the network sees, the last four preprocessed frames, oldest "
    "first. From one frame you cannot tell where the ball is going; from the four you can "
    "(it moves right and down, 6 columns and 3 rows of the original frame per step)."
)
ALT = (
    "Six panels. Top left: a colour image of a brown playing field with white bands at "
    "top and bottom, an orange paddle on the left, a green paddle on the right and a small "
    "white ball. Top right: the same scene in grayscale at lower resolution, 84 by 84 "
    "pixels. Bottom: four small grayscale frames labelled stack[0] t-3 to stack[3] t, in "
    "which the ball is further right and lower in each frame."
)


def pong_frame(t):
    """uint8 RGB (210, 160, 3): the ball moves 6 columns right and 3 rows down per frame."""
    frame = np.zeros((210, 160, 3), dtype=np.uint8)
    frame[:, :] = (144, 72, 17)  # the field
    frame[24:34, :] = (236, 236, 236)  # top wall
    frame[194:210, :] = (236, 236, 236)  # bottom wall
    left = 80 + int(10 * np.sin(0.5 * t))
    frame[left : left + 16, 16:20] = (213, 130, 74)  # opponent's paddle
    right = 110 - 2 * t
    frame[right : right + 16, 140:144] = (92, 186, 92)  # agent's paddle
    y, x = 60 + 3 * t, 40 + 6 * t
    frame[y : y + 4, x : x + 3] = (236, 236, 236)  # the ball, 4 x 3 pixels
    return frame


def preprocess(frame):
    rgb = frame.astype(np.float64)
    gray = 0.299 * rgb[:, :, 0] + 0.587 * rgb[:, :, 1] + 0.114 * rgb[:, :, 2]
    return (gray[np.arange(84) * 210 // 84][:, np.arange(84) * 160 // 84] / 255).astype(np.float32)


def draw():
    fig = plt.figure(figsize=(6.4, 5.0))
    grid = fig.add_gridspec(2, 4, height_ratios=[1.5, 1.0])
    ax = fig.add_subplot(grid[0, 0:2])
    ax.imshow(pong_frame(3), interpolation="nearest", aspect="auto")
    ax.set_title("frame t: RGB (210, 160, 3)", fontsize=10)
    ax = fig.add_subplot(grid[0, 2:4])
    ax.imshow(
        preprocess(pong_frame(3)),
        cmap="gray",
        vmin=0,
        vmax=1,
        interpolation="nearest",
        aspect="auto",
    )
    ax.set_title("preprocessed: (84, 84) in [0, 1]", fontsize=10)
    for k in range(4):
        ax = fig.add_subplot(grid[1, k])
        ax.imshow(preprocess(pong_frame(k)), cmap="gray", vmin=0, vmax=1, interpolation="nearest")
        ax.set_title(
            ["stack[0]: t-3", "stack[1]: t-2", "stack[2]: t-1", "stack[3]: t"][k], fontsize=9
        )
    for a in fig.axes:
        a.set_xticks([])
        a.set_yticks([])
    return fig
