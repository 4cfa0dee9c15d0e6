"""AND is linearly separable; XOR is not (the two diagonals share their midpoint)."""

import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "Left: AND on the four corners of the unit square; one line, here "
    "$x_1 + x_2 - 1.5 = 0$, puts the single class-1 corner on its own side. Right: XOR. The "
    "class-1 corners $(0, 1)$ and $(1, 0)$ sit on one diagonal, the class-0 corners on the "
    "other. Every line leaves at least one corner on the wrong side; the dashed attempt "
    "$x_1 + x_2 - 0.5 = 0$ gets $(1, 1)$ wrong (circled). The reason: both diagonals pass "
    "through $(0.5, 0.5)$ (the cross), and that point cannot lie on both sides of a line."
)
ALT = (
    "Two square panels. Left, labelled AND: three blue circles at (0,0), (0,1), (1,0) and an "
    "orange triangle at (1,1), separated by one diagonal line. Right, labelled XOR: orange "
    "triangles at (0,1) and (1,0), blue circles at (0,0) and (1,1), one dashed candidate "
    "line with the corner (1,1) on its wrong side circled in red, and the centre point "
    "(0.5, 0.5) marked with a cross where the two diagonals meet."
)

CORNERS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])


def _points(ax, labels):
    for cls, marker, colour in ((1, "^", PALETTE["orange"]), (0, "o", PALETTE["blue"])):
        pts = CORNERS[labels == cls]
        ax.scatter(
            pts[:, 0], pts[:, 1], marker=marker, s=110, color=colour, edgecolors="black", zorder=3
        )


def _frame(ax, title):
    ax.set_xlim(-0.45, 1.45)
    ax.set_ylim(-0.45, 1.45)
    ax.set_aspect("equal")
    ax.set_xticks([0, 1])
    ax.set_yticks([0, 1])
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(title, fontsize=12)


def draw():
    fig, (left, right) = new_figure(6.4, 3.6, ncols=2)
    xs = np.linspace(-0.45, 1.45, 2)
    g = np.linspace(-0.45, 1.45, 200)
    G1, G2 = np.meshgrid(g, g)
    left.contourf(
        G1, G2, (G1 + G2 - 1.5 >= 0).astype(float), levels=[0.5, 1.5], colors=[PALETTE["shade"]]
    )
    left.plot(xs, 1.5 - xs, color="black", linewidth=2.0)
    _points(left, np.array([0, 0, 0, 1]))
    _frame(left, "AND: separable")

    xor = np.array([0, 1, 1, 0])
    # One attempt: the OR line fires on three corners and so gets (1, 1) wrong.
    right.contourf(
        G1, G2, (G1 + G2 - 0.5 >= 0).astype(float), levels=[0.5, 1.5], colors=[PALETTE["shade"]]
    )
    right.plot(xs, 0.5 - xs, "--", color="black", linewidth=1.5)
    pred = (CORNERS @ np.array([1.0, 1.0]) - 0.5 >= 0).astype(int)
    for i in np.flatnonzero(pred != xor):
        right.scatter(
            *CORNERS[i],
            s=330,
            facecolors="none",
            edgecolors=PALETTE["red"],
            linewidths=1.8,
            zorder=4,
        )
    right.plot([0, 1], [1, 0], color=PALETTE["orange"], linewidth=1.0, alpha=0.8)
    right.plot([0, 1], [0, 1], color=PALETTE["blue"], linewidth=1.0, alpha=0.8)
    right.scatter([0.5], [0.5], marker="x", s=80, color="black", zorder=5)
    _points(right, xor)
    _frame(right, "XOR: every line misses")
    return fig
