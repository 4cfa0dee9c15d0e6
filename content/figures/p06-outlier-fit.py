"""A line fitted with MSE and with Huber to data with a few corrupted targets."""

import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "Fitting $\\hat{y} = w x + b$ to 40 points, 4 of which (red) have targets that are 8 "
    "too high, the kind of error a stale or diverging TD target produces. The squared error "
    "(orange) gives each point a pull proportional to its error, so the 4 outliers drag the "
    "whole line upwards and tilt it. The Huber loss with $\\delta = 1$ (blue) caps each "
    "point's pull at $\\delta$: the outliers still count, but no more than any other badly "
    "fitted point, and the line stays close to the true one (dashed)."
)
ALT = (
    "A scatter plot of 36 grey points close to a rising dashed line and 4 red points far "
    "above it on the right. An orange line, the MSE fit, is steeper than the dashed line, "
    "below it on the left and well above it on the right. A blue line, the Huber fit, almost "
    "coincides with the dashed line."
)


def _data():
    rng = np.random.default_rng(16)
    x = np.sort(rng.uniform(0.0, 10.0, size=40))
    y = 0.8 * x + 1.0 + rng.normal(scale=0.5, size=40)
    outliers = np.array([29, 32, 35, 38])
    y[outliers] += 8.0
    return x, y, outliers


def _huber_fit(x, y, delta, iterations=100):
    """Iteratively reweighted least squares: weight min(1, delta / |residual|) per point."""
    A = np.stack([x, np.ones_like(x)], axis=1)
    theta = np.linalg.lstsq(A, y, rcond=None)[0]
    for _ in range(iterations):
        r = np.abs(A @ theta - y)
        weights = np.minimum(1.0, delta / np.maximum(r, 1e-12))
        sw = np.sqrt(weights)
        theta = np.linalg.lstsq(A * sw[:, None], y * sw, rcond=None)[0]
    return theta


def draw():
    x, y, outliers = _data()
    A = np.stack([x, np.ones_like(x)], axis=1)
    w_mse, b_mse = np.linalg.lstsq(A, y, rcond=None)[0]
    w_hub, b_hub = _huber_fit(x, y, 1.0)
    normal = np.setdiff1d(np.arange(len(x)), outliers)

    fig, ax = new_figure(6.4, 3.6)
    grid = np.array([0.0, 10.0])
    ax.plot(grid, 0.8 * grid + 1.0, "--", color=PALETTE["grey"], linewidth=1.4, label="true line")
    ax.scatter(x[normal], y[normal], s=18, color=PALETTE["grey"], zorder=3)
    ax.scatter(
        x[outliers], y[outliers], s=30, color=PALETTE["red"], zorder=3, label="corrupted targets"
    )
    ax.plot(
        grid,
        w_mse * grid + b_mse,
        color=PALETTE["orange"],
        linewidth=2.2,
        label=f"MSE fit: $w$ = {w_mse:.2f}",
    )
    ax.plot(
        grid,
        w_hub * grid + b_hub,
        color=PALETTE["blue"],
        linewidth=2.2,
        label=f"Huber fit: $w$ = {w_hub:.2f}",
    )
    ax.set_xlabel("input $x$")
    ax.set_ylabel("target $y$")
    ax.set_xlim(0, 10)
    ax.legend(loc="upper left", fontsize=9)
    return fig
