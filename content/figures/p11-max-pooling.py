"""2x2 max pooling with stride 2 on a 4x4 map: each coloured window gives one output value."""

import numpy as np
from _p11_frames import draw_grid, outline
from _style import PALETTE, new_figure
from matplotlib.patches import Circle

CAPTION = (
    "Max pooling with $2 \\times 2$ windows and stride 2: each coloured window of the "
    "$4 \\times 4$ feature map (left) is replaced by its largest value (circled), giving a "
    "$2 \\times 2$ map (right). Pooling has no weights, works on each channel separately, "
    "and does not change if the maximum moves within its window."
)
ALT = (
    "Left: a 4 by 4 grid of numbers, rows 1 3 2 0, 4 2 1 5, 0 1 7 6, 2 8 3 3, divided into four "
    "2 by 2 windows shaded blue, orange, green and purple; the largest number of each window "
    "(4, 5, 8 and 7) is circled. An arrow points to the right grid: a 2 by 2 grid with 4 and 5 "
    "on top and 8 and 7 below, each cell shaded in its window's colour."
)


def draw():
    x = np.array([[1, 3, 2, 0], [4, 2, 1, 5], [0, 1, 7, 6], [2, 8, 3, 3]], dtype=float)
    colors = {(0, 0): "#dbe7f5", (0, 1): "#fbe3d3", (1, 0): "#d9eedf", (1, 1): "#e8def1"}
    edges = {(0, 0): PALETTE["blue"], (0, 1): PALETTE["orange"], (1, 0): PALETTE["green"],
             (1, 1): PALETTE["purple"]}  # fmt: skip
    fill = {(r, c): colors[(r // 2, c // 2)] for r in range(4) for c in range(4)}
    out = x.reshape(2, 2, 2, 2).max(axis=(1, 3))
    fig, ax = new_figure(6.4, 2.8)
    draw_grid(ax, x, fmt="{:.0f}", fill=fill, fontsize=12)
    for (bi, bj), color in edges.items():
        outline(ax, 2 * bj, 2 * bi, 2, 2, color, lw=2.5)
        block = x[2 * bi : 2 * bi + 2, 2 * bj : 2 * bj + 2]
        r, c = np.unravel_index(block.argmax(), block.shape)
        ax.add_patch(
            Circle((2 * bj + c + 0.5, 2 * bi + r + 0.5), 0.36, fill=False, edgecolor=color, lw=2)
        )
    draw_grid(ax, out, x0=6.5, y0=1.0, fmt="{:.0f}", fill={k: colors[k] for k in colors},
              fontsize=12)  # fmt: skip
    for (bi, bj), color in edges.items():
        outline(ax, 6.5 + bj, 1.0 + bi, 1, 1, color, lw=2.5)
    ax.annotate("", xy=(6.2, 2.0), xytext=(4.3, 2.0),
                arrowprops={"arrowstyle": "->", "lw": 1.5, "color": PALETTE["grey"]})  # fmt: skip
    ax.text(5.25, 1.75, "max of\neach window", ha="center", va="bottom", fontsize=10)
    ax.text(2.0, 4.3, "feature map (4 × 4)", ha="center", va="top", fontsize=11)
    ax.text(7.5, 3.3, "pooled (2 × 2)", ha="center", va="top", fontsize=11)
    ax.set_xlim(-0.2, 8.8)
    ax.set_ylim(4.9, -0.2)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig
