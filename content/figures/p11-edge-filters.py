"""Two hand-made edge filters (Sobel) on a generated Pong-like frame, and their feature maps."""

import numpy as np
from _p11_frames import correlate2d, pong_frame
from _style import new_figure

CAPTION = (
    "A Pong-like $84 \\times 84$ frame generated with NumPy (left) and the feature maps of two "
    "hand-made $3 \\times 3$ filters. The vertical-edge filter $k_x$ (middle) responds where "
    "brightness changes from left to right: red where the image gets brighter, blue where it "
    "gets darker, and 0 (white) on every flat area. The horizontal-edge filter $k_y = k_x^\\top$ "
    "(right) marks the walls and the tops and bottoms of the paddles and the ball. Each map is "
    "$82 \\times 82$: a $3 \\times 3$ window fits 82 times along 84 pixels."
)
ALT = (
    "Three square images. Left: a dark grey frame with light bars along the top and bottom, a "
    "narrow vertical paddle near the left edge, a brighter one near the right edge and a small "
    "white ball in the middle. Middle: the vertical-edge map, white almost everywhere, with "
    "pairs of red and blue vertical lines on the left and right sides of each paddle and a "
    "small red-blue pair at the ball. Right: the horizontal-edge map, with strong horizontal "
    "lines at the inner edges of the two walls and short red and blue marks at the top and "
    "bottom of the paddles and the ball."
)


def draw():
    frame = pong_frame(ball=(40, 40), left=30, right=36)
    kx = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])
    maps = [correlate2d(frame, kx), correlate2d(frame, kx.T)]
    fig, axes = new_figure(6.4, 2.9, ncols=3)
    axes[0].imshow(frame, cmap="gray", vmin=0.0, vmax=1.0)
    axes[0].set_title("frame", fontsize=11)
    titles = ["vertical edges, $k_x$", "horizontal edges, $k_y$"]
    for ax, m, title in zip(axes[1:], maps, titles):
        image = ax.imshow(m, cmap="RdBu_r", vmin=-3.0, vmax=3.0)
        ax.set_title(title, fontsize=11)
    for ax in axes:
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_visible(True)
            spine.set_color("#9aa3ad")
    bar = fig.colorbar(image, ax=axes[1:], shrink=0.8, pad=0.02)
    bar.ax.tick_params(labelsize=9)
    return fig
