"""Polynomials of growing degree fitted to 12 noisy points, without and with an L2 penalty."""

import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "Twelve noisy samples (dots) of $\\sin(\\pi x)$ (dashed). **Left:** least-squares "
    "polynomials. Degree 1 underfits; degree 3 follows the curve; degree 11 has 12 "
    "coefficients for 12 points, passes exactly through every one of them and swings wildly "
    "between them: zero training error, large validation error. **Right:** the same degree-11 "
    "polynomial with an L2 penalty $\\lambda \\lVert w \\rVert^2$ on its coefficients. A tiny "
    "$\\lambda$ already tames the swings; a large one flattens the fit towards a constant "
    "(underfitting again)."
)
ALT = (
    "Two panels over x from -1 to 1 with the same 12 dots scattered around a dashed sine "
    "curve. Left: a straight line that misses the curve, a smooth cubic close to it, and a "
    "degree-11 curve that passes through every dot and overshoots far above and below between "
    "them. Right: the degree-11 curve with no penalty (overshooting), with a small penalty "
    "(smooth and close to the sine) and with a large penalty (a flattened curve)."
)


def _data():
    rng = np.random.default_rng(4)
    x = np.linspace(-1.0, 1.0, 12) + rng.uniform(-0.05, 0.05, size=12)
    y = np.sin(np.pi * x) + rng.normal(scale=0.25, size=12)
    return x, y


def _fit(x, y, degree, lam=0.0):
    """Least squares on the features 1, x, ..., x^degree, penalising all but the constant."""
    A = np.vander(x, degree + 1, increasing=True)
    reg = np.sqrt(lam) * np.eye(degree + 1)[1:]
    A_aug = np.vstack([A, reg])
    y_aug = np.concatenate([y, np.zeros(degree)])
    return np.linalg.lstsq(A_aug, y_aug, rcond=None)[0]


def draw():
    x, y = _data()
    grid = np.linspace(-1.0, 1.0, 400)
    fig, axes = new_figure(6.4, 3.6, ncols=2, sharey=True)
    panels = [
        (
            axes[0],
            "no penalty",
            [
                (1, 0.0, "degree 1", PALETTE["grey"]),
                (3, 0.0, "degree 3", PALETTE["blue"]),
                (11, 0.0, "degree 11", PALETTE["orange"]),
            ],
        ),
        (
            axes[1],
            "degree 11, L2 penalty",
            [
                (11, 0.0, "$\\lambda = 0$", PALETTE["orange"]),
                (11, 1e-4, "$\\lambda = 10^{-4}$", PALETTE["blue"]),
                (11, 1.0, "$\\lambda = 1$", PALETTE["purple"]),
            ],
        ),
    ]
    for ax, title, fits in panels:
        ax.plot(grid, np.sin(np.pi * grid), "--", color="#8a949e", linewidth=1.2)
        for degree, lam, label, colour in fits:
            w = _fit(x, y, degree, lam)
            ax.plot(grid, np.vander(grid, degree + 1, increasing=True) @ w, color=colour,
                    linewidth=2.0, label=label)  # fmt: skip
        ax.scatter(x, y, s=22, color="black", zorder=4)
        ax.set_title(title, fontsize=11)
        ax.set_xlabel("$x$")
        ax.set_ylim(-2.2, 2.2)
        ax.set_xlim(-1.05, 1.05)
        ax.legend(fontsize=9, loc="lower right", framealpha=0.9)
    axes[0].set_ylabel("$y$")
    return fig
