"""The perceptron rule moving the boundary: the zero start and the three updates of one run."""

import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "Rosenblatt's rule on eight points (orange triangles: class 1, blue circles: class 0), "
    "starting from $\\mathbf{w} = \\mathbf{0}$, $b = 0$, rows visited in order, $\\eta = 1$. "
    "The shaded side is where the perceptron predicts class 1 and the arrow is $\\mathbf{w}$, "
    "perpendicular to the boundary. At the zero start every sum is a tie, so everything is "
    "class 1. Each later panel shows the line right after an update, caused by the circled "
    "point; the dashed line is the one before it. The first two updates come from class-0 "
    "points on the shaded side: each subtracts the point from $\\mathbf{w}$ and 1 from $b$, "
    "which turns and shifts the line away from it. The third comes from a class-1 point on "
    "the wrong side and adds it, rotating $\\mathbf{w}$ towards it. After that, a whole epoch "
    "passes without a mistake."
)
ALT = (
    "Four square panels in a 2 by 2 grid showing the same eight points, four orange triangles "
    "on the right and four blue circles on the left and bottom. Panel one is entirely shaded "
    "(zero weights, every point predicted class 1). Panels two to four each show a straight "
    "boundary with an arrow perpendicular to it, the previous boundary dashed, and the point "
    "that caused the update circled in red. In the last panel the line separates the "
    "triangles from the circles."
)

X = np.array(
    [
        [1.0, 2.0],
        [2.0, 0.5],
        [-1.0, 1.5],
        [0.5, -1.0],
        [-1.5, -0.5],
        [2.0, 2.0],
        [-0.5, -2.0],
        [1.5, -0.5],
    ]
)
Y = np.array([1, 1, 0, 0, 0, 1, 0, 1])
LIM = 2.8


def _run():
    """Every update of the perceptron: (index of the row, w, b) after it."""
    w, b, states = np.zeros(2), 0.0, []
    for _ in range(20):
        mistakes = 0
        for i, (x, t) in enumerate(zip(X, Y)):
            err = t - (1 if w @ x + b >= 0 else 0)
            if err:
                mistakes += 1
                w, b = w + err * x, b + err
                states.append((i, w.copy(), b))
        if mistakes == 0:
            return states
    raise RuntimeError("the example data should be separable")


def _line(ax, w, b, **kw):
    xs = np.linspace(-LIM, LIM, 2)
    if abs(w[1]) > 1e-12:
        ax.plot(xs, -(w[0] * xs + b) / w[1], **kw)
    else:
        ax.plot([-b / w[0]] * 2, [-LIM, LIM], **kw)


def _panel(ax, w, b, title, prev=None, culprit=None):
    g = np.linspace(-LIM, LIM, 241)
    G1, G2 = np.meshgrid(g, g)
    fires = (w[0] * G1 + w[1] * G2 + b >= 0).astype(float)
    ax.contourf(G1, G2, fires, levels=[0.5, 1.5], colors=[PALETTE["shade"]])
    if prev is not None and np.any(prev[0] != 0):
        _line(ax, prev[0], prev[1], color=PALETTE["grey"], linestyle="--", linewidth=1.2)
    if np.any(w != 0):
        _line(ax, w, b, color="black", linewidth=2.0)
        p0 = -b * w / (w @ w)  # the point of the line closest to the origin
        d = w / np.linalg.norm(w)
        ax.annotate(
            "",
            xy=p0 + 0.9 * d,
            xytext=p0,
            arrowprops={"arrowstyle": "-|>", "color": PALETTE["red"], "linewidth": 1.8},
        )
    for cls, marker, colour in ((1, "^", PALETTE["orange"]), (0, "o", PALETTE["blue"])):
        pts = X[Y == cls]
        ax.scatter(
            pts[:, 0], pts[:, 1], marker=marker, s=55, color=colour, edgecolors="black", zorder=3
        )
    if culprit is not None:
        ax.scatter(
            *X[culprit], s=260, facecolors="none", edgecolors=PALETTE["red"], linewidths=2, zorder=4
        )
    ax.set_xlim(-LIM, LIM)
    ax.set_ylim(-LIM, LIM)
    ax.set_aspect("equal")
    ax.set_xticks([-2, 0, 2])
    ax.set_yticks([-2, 0, 2])
    ax.tick_params(labelsize=9)
    ax.set_title(title, fontsize=10)


def draw():
    states = _run()
    fig, axes = new_figure(6.4, 6.4, nrows=2, ncols=2)
    axes = axes.ravel()
    _panel(axes[0], np.zeros(2), 0.0, "start: w = (0, 0), b = 0")
    prev = (np.zeros(2), 0.0)
    for k, (i, w, b) in enumerate(states[:3], start=1):
        title = f"update {k}: w = ({w[0]:g}, {w[1]:g}), b = {b:g}"
        _panel(axes[k], w, b, title, prev=prev, culprit=i)
        prev = (w, b)
    return fig
