"""The MSE of a line fit as a function of its two parameters: raw vs standardised input."""

import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "The loss landscape of the MSE for the model $\\hat{y} = w x + b$ on 40 noisy points, "
    "drawn as contours: each line joins the $(w, b)$ pairs with the same loss (levels spaced "
    "on a log scale). For a linear model the MSE is a quadratic bowl with a single minimum "
    "(the star). **Left:** inputs $x \\in [1, 5]$, not centred. The bowl is a long, narrow "
    "valley: its curvature across is 95 times its curvature along. Gradient descent from the "
    "red dot, 25 steps at 90% of the largest stable learning rate, bounces across the valley "
    "and has covered only 38% of the way along it. **Right:** the same data with $x$ "
    "standardised (mean 0, variance 1): the contours are circles and 25 steps at a learning "
    "rate of 0.2 go straight to the minimum. Neural-network landscapes are not bowls, but "
    "the lesson carries over: scale the inputs."
)
ALT = (
    "Two contour plots side by side, weight w on the horizontal axis and bias b on the "
    "vertical axis. On the left the contours are long thin ellipses tilted diagonally; a "
    "path of dots starting at a red dot below the minimum zigzags across the ellipses and stops "
    "well short of the star at the minimum. On the right the contours are circles and the path "
    "of dots runs straight to the star at the centre."
)


def _data():
    rng = np.random.default_rng(6)
    x = rng.uniform(1.0, 5.0, size=40)
    y = 1.5 * x + 0.5 + rng.normal(scale=0.4, size=40)
    return x, y


def _loss_grid(x, y, W, B):
    # (G, G, 1) predictions against (40,) data: the mean over the last axis.
    r = W[..., None] * x + B[..., None] - y
    return np.mean(r**2, axis=-1)


def _descent(x, y, lr, start, steps=25):
    w, b = start
    path = [(w, b)]
    for _ in range(steps):
        r = w * x + b - y
        w, b = w - lr * 2 * np.mean(r * x), b - lr * 2 * np.mean(r)
        path.append((w, b))
    return np.array(path)


def _panel(ax, x, y, title, lr, offset):
    A = np.stack([x, np.ones_like(x)], axis=1)
    w_star, b_star = np.linalg.lstsq(A, y, rcond=None)[0]
    span = 2.6
    W, B = np.meshgrid(
        np.linspace(w_star - span, w_star + span, 301),
        np.linspace(b_star - span, b_star + span, 301),
    )
    L = _loss_grid(x, y, W, B)
    levels = np.geomspace(L.min() * 1.05, L.max(), 14)
    ax.contour(W, B, L, levels=levels, colors=PALETTE["grey"], linewidths=0.8)
    path = _descent(x, y, lr, (w_star + offset[0], b_star + offset[1]))
    ax.plot(path[:, 0], path[:, 1], "-o", color=PALETTE["orange"], markersize=3, linewidth=1.0)
    ax.plot(path[:1, 0], path[:1, 1], "o", color=PALETTE["red"], markersize=6)
    ax.plot([w_star], [b_star], "*", color=PALETTE["blue"], markersize=14)
    ax.set_title(title, fontsize=11)
    ax.set_xlabel("weight $w$")
    ax.set_xlim(w_star - span, w_star + span)
    ax.set_ylim(b_star - span, b_star + span)
    ax.set_aspect("equal")


def draw():
    x, y = _data()
    fig, (left, right) = new_figure(6.4, 3.6, ncols=2)
    # The Hessian of the MSE in (w, b); the largest stable step is 2 / its largest eigenvalue.
    H = 2 * np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1.0]])
    eigvals, eigvecs = np.linalg.eigh(H)
    valley, steep = eigvecs[:, 0], eigvecs[:, 1]  # flat and steep directions
    valley = valley if valley[1] < 0 else -valley
    offset = 2.2 * valley + 0.25 * steep
    _panel(left, x, y, "raw $x \\in [1, 5]$", 1.8 / eigvals.max(), offset)
    z = (x - x.mean()) / x.std()
    _panel(right, z, y, "standardised $x$", 0.2, offset)
    left.set_ylabel("bias $b$")
    return fig
