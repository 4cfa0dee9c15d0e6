"""Page 11's Atari-like frames and grid drawing, shared by its figure scripts."""

import matplotlib.patches as patches
import numpy as np


def pong_frame(ball=(40, 40), left=30, right=36):
    """The page's 84x84 Pong-like frame: walls, two paddles (12 rows each) and a 2x2 ball."""
    frame = np.full((84, 84), 0.2)
    frame[:4] = frame[-4:] = 0.9
    frame[left : left + 12, 6:8] = 0.6
    frame[right : right + 12, 76:78] = 0.8
    r, c = ball
    frame[r : r + 2, c : c + 2] = 1.0
    return frame


def correlate2d(image, kernel):
    """One channel, one filter, stride 1, no padding (the page's loop)."""
    H, W = image.shape
    KH, KW = kernel.shape
    out = np.zeros((H - KH + 1, W - KW + 1))
    for i in range(H - KH + 1):
        for j in range(W - KW + 1):
            out[i, j] = np.sum(image[i : i + KH, j : j + KW] * kernel)
    return out


def draw_grid(ax, values, *, x0=0.0, y0=0.0, cell=1.0, fmt="{:g}", fontsize=10, fill=None):
    """Draw `values` as a grid of labelled cells with its top-left corner at (x0, y0).

    The axes use y pointing down (call `ax.invert_yaxis()` once). `fill` maps (row, col) to a
    face colour.
    """
    rows, cols = values.shape
    for r in range(rows):
        for c in range(cols):
            face = (fill or {}).get((r, c), "white")
            ax.add_patch(
                patches.Rectangle(
                    (x0 + c * cell, y0 + r * cell),
                    cell,
                    cell,
                    facecolor=face,
                    edgecolor="#9aa3ad",
                    linewidth=0.8,
                )  # fmt: skip
            )
            ax.text(
                x0 + (c + 0.5) * cell, y0 + (r + 0.5) * cell, fmt.format(values[r, c]),
                ha="center", va="center", fontsize=fontsize,
            )  # fmt: skip


def outline(ax, x, y, w, h, color, *, lw=2.5, ls="-"):
    """A rectangle outline (no fill) from (x, y) of size w x h."""
    ax.add_patch(
        patches.Rectangle((x, y), w, h, fill=False, edgecolor=color, linewidth=lw, linestyle=ls)
    )
