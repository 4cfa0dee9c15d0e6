"""A 3x3 filter sliding over a 7x7 input with stride 2: the window and the output cell it fills."""

import numpy as np
from _p11_frames import correlate2d, draw_grid, outline
from _style import PALETTE, new_figure
from matplotlib.patches import ConnectionPatch

CAPTION = (
    "A $3 \\times 3$ filter (middle) slides over a $7 \\times 7$ input (left) with stride 2. "
    "The orange window starts at row $1 \\cdot 2 = 2$, column $2 \\cdot 2 = 4$; the sum of its "
    "nine pixels times the nine weights is the orange output value at $(1, 2)$. The dashed "
    "blue window, one stride to the left, gives the blue output at $(1, 1)$. Windows start at "
    "0, 2, 4 in each direction, so the output is $\\lfloor (7 - 3)/2 \\rfloor + 1 = 3$ wide."
)
ALT = (
    "Three grids of numbers. Left, a 7 by 7 input of small integers with two 3 by 3 windows "
    "outlined: an orange one covering rows 2 to 4 and columns 4 to 6, and a dashed blue one "
    "covering rows 2 to 4 and columns 2 to 4. Middle, the 3 by 3 filter with rows 1 0 -1, "
    "2 0 -2, 1 0 -1. Right, the 3 by 3 output; the cell in row 1, column 2 is orange and the "
    "cell in row 1, column 1 is blue, and a line joins the orange window to the orange cell."
)

STRIDE = 2


def draw():
    rng = np.random.default_rng(11)
    x = rng.integers(0, 5, size=(7, 7)).astype(float)
    k = np.array([[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]])
    out = correlate2d(x, k)[::STRIDE, ::STRIDE]  # stride 2: every other window
    fig, axes = new_figure(6.4, 3.0, ncols=3, gridspec_kw={"width_ratios": [7, 3.2, 3.2]})
    ax_in, ax_k, ax_out = axes
    orange, blue = PALETTE["orange"], PALETTE["blue"]
    tint = {(r, c): "#fbe3d3" for r in range(2, 5) for c in range(4, 7)}
    draw_grid(ax_in, x, fmt="{:.0f}", fill=tint)
    outline(ax_in, 2, 2, 3, 3, blue, ls="--")
    outline(ax_in, 4, 2, 3, 3, orange)
    draw_grid(ax_k, k, fmt="{:.0f}")
    draw_grid(ax_out, out, fmt="{:.0f}", fill={(1, 2): "#fbe3d3", (1, 1): "#dbe7f5"})
    outline(ax_out, 2, 1, 1, 1, orange)
    outline(ax_out, 1, 1, 1, 1, blue, ls="--")
    titles = ["input $x$ (7 × 7)", "filter $k$", "output (3 × 3)"]
    for ax, n, title in zip(axes, [7, 3, 3], titles):
        ax.set_xlim(-0.1, n + 0.1)
        ax.set_ylim(n + 0.1, -0.1)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title(title, fontsize=11)
    fig.add_artist(
        ConnectionPatch(
            xyA=(5.5, 5.0),
            coordsA=ax_in.transData,
            xyB=(2.5, 2.0),
            coordsB=ax_out.transData,
            color=orange,
            linewidth=1.5,
            arrowstyle="->",
            connectionstyle="arc3,rad=0.35",
        )  # fmt: skip
    )
    ax_out.text(1.5, 3.6, "sum(window × k)", ha="center", va="top", fontsize=10, color=orange)
    return fig
