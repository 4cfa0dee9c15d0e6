"""What a two-input step neuron computes: one side of a line, with w as its normal."""

import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "A step neuron with $\\mathbf{w} = (1, 2)$ and $b = -2$ on the plane of its two inputs. "
    "It fires ($z \\ge 0$) in the shaded half-plane and is silent elsewhere; the boundary is "
    "the line $z = x_1 + 2x_2 - 2 = 0$. The weight vector (red arrow) is perpendicular to "
    "the line and points into the firing side. The boundary's distance from the origin is "
    "$|b| / \\lVert\\mathbf{w}\\rVert = 2/\\sqrt{5} \\approx 0.89$, and for any input, "
    "$z / \\lVert\\mathbf{w}\\rVert$ is its signed distance from the line: the two marked "
    "points have $z = 2$ (distance $+0.89$) and $z = -2.5$ (distance $-1.12$)."
)
ALT = (
    "A square plot of the plane from -2 to 3 on both axes. A straight line falls from upper "
    "left to lower right; the region above and to the right of it is shaded and labelled "
    "fires. A red arrow perpendicular to the line points into the shaded region. A dotted "
    "segment from the origin meets the line at a right angle, labelled with the distance "
    "0.89. Two points, one on each side, have dashed segments to the line labelled with "
    "their signed distances."
)

W = np.array([1.0, 2.0])
B = -2.0


def draw():
    fig, ax = new_figure(6.4, 4.6)
    lo, hi = -2.0, 3.0
    g = np.linspace(lo, hi, 301)
    G1, G2 = np.meshgrid(g, g)
    ax.contourf(
        G1,
        G2,
        (W[0] * G1 + W[1] * G2 + B >= 0).astype(float),
        levels=[0.5, 1.5],
        colors=[PALETTE["shade"]],
    )
    xs = np.array([lo, hi])
    ax.plot(xs, -(W[0] * xs + B) / W[1], color="black", linewidth=2.0)
    norm = np.linalg.norm(W)
    unit = W / norm
    foot = -B * W / (W @ W)  # the closest point of the line to the origin
    ax.plot([0, foot[0]], [0, foot[1]], ":", color=PALETTE["grey"], linewidth=1.8)
    ax.annotate(
        f"$|b|/\\|w\\| = {abs(B) / norm:.2f}$",
        xy=foot / 2,
        xytext=(0.6, -0.9),
        fontsize=10,
        color=PALETTE["grey"],
        arrowprops={"arrowstyle": "-", "color": PALETTE["grey"], "linewidth": 0.8},
    )
    ax.annotate(
        "",
        xy=foot + 1.1 * unit,
        xytext=foot,
        arrowprops={"arrowstyle": "-|>", "color": PALETTE["red"], "linewidth": 2.0},
    )
    ax.text(
        *(foot + 1.15 * unit + np.array([0.05, 0.0])),
        "$\\mathbf{w}$",
        color=PALETTE["red"],
        fontsize=13,
    )
    points = (
        (np.array([2.0, 1.0]), PALETTE["orange"], (0.08, -0.3)),
        (np.array([-0.5, 0.0]), PALETTE["blue"], (-1.3, -0.55)),
    )
    for p, colour, offset in points:
        z = W @ p + B
        proj = p - (z / norm) * unit
        ax.plot(*zip(p, proj), "--", color=colour, linewidth=1.5)
        ax.scatter(*p, s=60, color=colour, edgecolors="black", zorder=3)
        ax.text(
            p[0] + offset[0],
            p[1] + offset[1],
            f"z = {z:g}\nd = {z / norm:+.2f}",
            fontsize=10,
            color=colour,
        )
    ax.scatter([0], [0], color="black", s=14, zorder=4)
    ax.text(2.0, 2.4, "fires: $z \\geq 0$", fontsize=11)
    ax.text(-1.8, -1.6, "silent: $z < 0$", fontsize=11)
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return fig
