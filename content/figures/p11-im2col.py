"""im2col on a toy: every 2x2 window of a 4x4 image becomes a row of a 9x4 matrix."""

import numpy as np
from _p11_frames import draw_grid, outline
from _style import PALETTE, new_figure
from matplotlib.patches import ConnectionPatch

CAPTION = (
    "im2col on the page's toy: the $4 \\times 4$ image (left) has $3 \\times 3 = 9$ windows of "
    "$2 \\times 2$ pixels. Each window, flattened, becomes one row of a $9 \\times 4$ matrix "
    "(right): the orange window at output position $(0, 1)$ is row 1, the blue one at $(1, 0)$ "
    "is row 3. Multiplying the matrix by the flattened kernel (4 numbers) computes all nine "
    "outputs in one product. Neighbouring windows overlap, so most pixels appear in several "
    "rows: pixel 5 is in four."
)
ALT = (
    "Left: a 4 by 4 grid holding the numbers 0 to 15 row by row, with an orange outline around "
    "the 2 by 2 window of pixels 1, 2, 5, 6 and a blue outline around pixels 4, 5, 8, 9. "
    "Right: a matrix of 9 rows and 4 columns; row 0 is 0 1 4 5, row 1 (orange) is 1 2 5 6, "
    "row 3 (blue) is 4 5 8 9, and so on to row 8, 10 11 14 15. Lines join each outlined window "
    "to its row."
)


def draw():
    toy = np.arange(16.0).reshape(4, 4)
    cols = np.array([toy[i : i + 2, j : j + 2].ravel() for i in range(3) for j in range(3)])
    orange, blue = PALETTE["orange"], PALETTE["blue"]
    light = {"o": "#fbe3d3", "b": "#dbe7f5"}
    fig, (ax, ax2) = new_figure(6.4, 3.4, ncols=2, gridspec_kw={"width_ratios": [1, 1.1]})
    draw_grid(ax, toy, fmt="{:.0f}", y0=2.5)
    outline(ax, 1, 2.5, 2, 2, orange, lw=2.5)
    outline(ax, 0, 3.5, 2, 2, blue, lw=2.5, ls="--")
    ax.set_xlim(-0.1, 4.1)
    ax.set_ylim(9.1, -0.1)
    ax.text(2.0, 2.3, "image (4 × 4)", ha="center", va="bottom", fontsize=11)
    fill = {(1, c): light["o"] for c in range(4)} | {(3, c): light["b"] for c in range(4)}
    draw_grid(ax2, cols, fmt="{:.0f}", cell=1.0, x0=1.2, fill=fill, fontsize=10)
    outline(ax2, 1.2, 1, 4, 1, orange, lw=2.5)
    outline(ax2, 1.2, 3, 4, 1, blue, lw=2.5, ls="--")
    for r in range(9):
        ax2.text(1.0, r + 0.5, f"({r // 3}, {r % 3})", ha="right", va="center", fontsize=9,
                 color=PALETTE["grey"])  # fmt: skip
    ax2.set_xlim(-0.4, 5.3)
    ax2.set_ylim(9.1, -0.1)
    ax2.set_title("im2col matrix (9 × 4)", fontsize=11)
    for a in (ax, ax2):
        a.set_aspect("equal")
        a.axis("off")
    for xy_a, row, color in [((3, 3.5), 1.5, orange), ((2, 4.5), 3.5, blue)]:
        fig.add_artist(
            ConnectionPatch(
                xyA=xy_a,
                coordsA=ax.transData,
                xyB=(-0.4, row),
                coordsB=ax2.transData,
                color=color,
                linewidth=1.3,
                arrowstyle="->",
            )  # fmt: skip
        )
    return fig
