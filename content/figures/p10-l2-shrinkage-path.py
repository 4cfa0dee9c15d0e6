"""The L2-regularised minimum moves from the unregularised one towards 0 as lambda grows."""

import numpy as np
from _style import PALETTE, new_figure, zero_lines

CAPTION = (
    "A two-weight quadratic loss (orange contours, minimum $w^*$ at the star) and the L2 "
    "penalty (grey circles around 0). The minimiser of loss + $\\frac{\\lambda}{2}\\lVert w "
    "\\rVert^2$ (blue path) starts at $w^*$ for $\\lambda = 0$ and slides to 0 as $\\lambda$ "
    "grows. It is where a loss contour touches a penalty circle. It does not head straight for "
    "0: the weight along the *flat* direction of the loss (the long axis of the ellipses, "
    "which the data pin down poorly) shrinks first, the well-determined one last, and $w_2$ "
    "even grows on the way. In the "
    "Bayesian view the circles are the contours of a Gaussian prior and the blue points are "
    "MAP estimates for priors of decreasing width."
)
ALT = (
    "Concentric orange ellipses, tilted and elongated, centred on a star at about (2.4, 0.3). "
    "Grey circles are centred on the origin. A blue curve runs from the star up and to the "
    "left along the long axis of the ellipses, bends, and heads down to the origin, with dots "
    "labelled by lambda values 0.1, 0.5, 2 and 10."
)


def draw():
    angle = np.deg2rad(35.0)
    R = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    H = R @ np.diag([3.0, 0.15]) @ R.T  # curvatures 3 and 0.15: one steep, one flat direction
    w_star = np.array([2.4, 0.3])

    g = np.linspace(-1.2, 3.4, 300)
    W1, W2 = np.meshgrid(g, g)
    D = np.stack([W1 - w_star[0], W2 - w_star[1]], axis=-1)
    loss = 0.5 * np.einsum("...i,ij,...j->...", D, H, D)

    fig, ax = new_figure(6.4, 3.6)
    zero_lines(ax)
    ax.contour(
        W1,
        W2,
        loss,
        levels=[0.02, 0.08, 0.2, 0.4, 0.7, 1.1],
        colors=PALETTE["orange"],
        linewidths=1.0,
    )
    for r in (0.5, 1.0, 1.5, 2.0, 2.5):
        t = np.linspace(0, 2 * np.pi, 200)
        ax.plot(r * np.cos(t), r * np.sin(t), color="#b8c0c8", linewidth=0.9)
    lams = np.concatenate([[0.0], np.logspace(-3, 2, 200)])
    path = np.array([np.linalg.solve(H + lam * np.eye(2), H @ w_star) for lam in lams])
    ax.plot(path[:, 0], path[:, 1], color=PALETTE["blue"], linewidth=2.2)
    for lam in (0.1, 0.5, 2.0, 10.0):
        w = np.linalg.solve(H + lam * np.eye(2), H @ w_star)
        ax.plot(*w, "o", color=PALETTE["blue"], markersize=5)
        ax.annotate(f"$\\lambda$ = {lam:g}", w, xytext=(6, -12), textcoords="offset points", fontsize=9,
                    color=PALETTE["blue"])  # fmt: skip
    ax.plot(*w_star, "*", color=PALETTE["orange"], markersize=14, markeredgecolor="black", zorder=5)
    ax.annotate(
        "$w^*$ ($\\lambda = 0$)", w_star, xytext=(8, 4), textcoords="offset points", fontsize=10
    )
    ax.set_xlim(-0.6, 3.4)
    ax.set_ylim(-1.2, 1.2)
    ax.set_aspect("equal")
    ax.set_xlabel("$w_1$")
    ax.set_ylabel("$w_2$")
    return fig
