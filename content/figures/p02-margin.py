"""The margin of a separating line and the radius R of the convergence theorem."""

import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "The two quantities of the convergence theorem on a separable data set. The solid line "
    "separates the classes; its **margin** $\\gamma$ is the distance to the closest point "
    "(circled), so no point lies inside the band between the dashed lines. $R$ is the "
    "length of the longest input vector (here drawn without the bias coordinate). The "
    "theorem allows at most $(R/\\gamma)^2$ mistakes: points far from the origin, or a "
    "narrow band, mean a longer run."
)
ALT = (
    "A scatter of orange triangles in the upper right and blue circles in the lower left, "
    "split by a solid diagonal line with two parallel dashed lines on either side forming an "
    "empty band. The two points touching the band are circled and a double arrow across the "
    "half-band is labelled gamma. An arrow from the origin to the farthest point is labelled R."
)


def draw():
    rng = np.random.default_rng(3)
    w, b = np.array([1.0, 1.0]) / np.sqrt(2.0), -0.2
    X = rng.uniform(-2.0, 2.0, size=(80, 2))
    d = X @ w + b
    X, d = X[np.abs(d) > 0.45], d[np.abs(d) > 0.45]
    y = (d >= 0).astype(int)
    gamma = float(np.min(np.abs(d)))
    fig, ax = new_figure(6.4, 4.6)
    t = np.linspace(-3.0, 3.0, 2)
    normal = w  # unit normal
    along = np.array([-w[1], w[0]])
    base = -b * normal
    for off, style in ((0.0, "-"), (gamma, "--"), (-gamma, "--")):
        pts = base + off * normal + np.outer(t, along)
        ax.plot(pts[:, 0], pts[:, 1], style, color="black", linewidth=2.0 if off == 0 else 1.2)
    band = np.array(
        [
            base + gamma * normal + 3 * along,
            base + gamma * normal - 3 * along,
            base - gamma * normal - 3 * along,
            base - gamma * normal + 3 * along,
        ]
    )
    ax.fill(band[:, 0], band[:, 1], color=PALETTE["shade"], alpha=0.7, zorder=0)
    for cls, marker, colour in ((1, "^", PALETTE["orange"]), (0, "o", PALETTE["blue"])):
        pts = X[y == cls]
        ax.scatter(
            pts[:, 0], pts[:, 1], marker=marker, s=40, color=colour, edgecolors="black", zorder=3
        )
    close = np.argsort(np.abs(d))[:1]
    for i in close:
        ax.scatter(
            *X[i], s=220, facecolors="none", edgecolors=PALETTE["red"], linewidths=2, zorder=4
        )
        foot = X[i] - d[i] * normal
        ax.annotate(
            "",
            xy=X[i],
            xytext=foot,
            arrowprops={"arrowstyle": "<->", "color": PALETTE["red"], "linewidth": 1.6},
        )
        mid = (X[i] + foot) / 2
        ax.text(*(mid + 0.25 * along), "$\\gamma$", color=PALETTE["red"], fontsize=14)
    far = int(np.argmax(np.linalg.norm(X, axis=1)))
    ax.annotate(
        "",
        xy=X[far],
        xytext=(0, 0),
        arrowprops={"arrowstyle": "-|>", "color": PALETTE["purple"], "linewidth": 1.6},
    )
    ax.text(*(X[far] * 0.55 + np.array([0.1, -0.25])), "$R$", color=PALETTE["purple"], fontsize=14)
    ax.scatter([0], [0], color="black", s=12, zorder=5)
    ax.set_xlim(-2.3, 2.3)
    ax.set_ylim(-2.3, 2.3)
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return fig
