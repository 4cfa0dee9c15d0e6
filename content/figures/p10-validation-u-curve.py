"""Training and validation error against model capacity: polynomial degree, then L2 strength."""

import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "The same 12 training points as the previous figure, and 200 fresh validation points from "
    "the same source. **Left:** as the degree grows the training error (solid) only falls, to "
    "0 at degree 11 (drawn at $10^{-4}$ on this log scale), while the validation error "
    "(dashed) falls, stays flat, then rises steeply: past degree 9 the extra coefficients fit "
    "the noise. **Right:** degree 11 with an L2 penalty of "
    "strength $\\lambda$ (large $\\lambda$ to the right). Too little penalty overfits, too "
    "much underfits; the validation error picks the value in between. The dotted line is the "
    "noise variance $0.25^2$, the smallest validation error any model can reach."
)
ALT = (
    "Two panels with a logarithmic vertical axis of mean squared error. Left, against "
    "polynomial degree 0 to 11: the training curve decreases steadily to nearly zero, the "
    "validation curve decreases until degree 3 to 5 and then rises by a factor of about 50. "
    "Right, against lambda from 1e-8 to 10 on a log scale: the training curve rises with "
    "lambda, the validation curve is U-shaped with a flat minimum between lambda = 1e-4 and 1e-2, and both "
    "stay above a dotted line at 0.0625 except the training curve at small lambda."
)


def _data():
    rng = np.random.default_rng(4)
    x = np.linspace(-1.0, 1.0, 12) + rng.uniform(-0.05, 0.05, size=12)
    y = np.sin(np.pi * x) + rng.normal(scale=0.25, size=12)
    x_val = rng.uniform(-1.0, 1.0, size=200)
    y_val = np.sin(np.pi * x_val) + rng.normal(scale=0.25, size=200)
    return x, y, x_val, y_val


def _fit(x, y, degree, lam=0.0):
    A = np.vander(x, degree + 1, increasing=True)
    reg = np.sqrt(lam) * np.eye(degree + 1)[1:]
    return np.linalg.lstsq(np.vstack([A, reg]), np.concatenate([y, np.zeros(degree)]), rcond=None)[
        0
    ]


def _mse(w, x, y):
    return float(np.mean((np.vander(x, len(w), increasing=True) @ w - y) ** 2))


def draw():
    x, y, x_val, y_val = _data()
    fig, axes = new_figure(6.4, 3.6, ncols=2, sharey=True)

    degrees = np.arange(0, 12)
    fits = [_fit(x, y, d) for d in degrees]
    train = [
        max(_mse(w, x, y), 1e-4) for w in fits
    ]  # degree 11 interpolates: clip for the log axis
    val = [_mse(w, x_val, y_val) for w in fits]
    ax = axes[0]
    ax.plot(degrees, train, "-o", color=PALETTE["blue"], markersize=4, label="training")
    ax.plot(degrees, val, "--o", color=PALETTE["orange"], markersize=4, label="validation")
    ax.set_xlabel("polynomial degree")
    ax.set_ylabel("mean squared error")
    ax.set_xticks([0, 3, 6, 9, 11])

    lams = np.logspace(-8, 1, 37)
    fits = [_fit(x, y, 11, lam) for lam in lams]
    ax = axes[1]
    ax.plot(
        lams,
        [_mse(w, x, y) for w in fits],
        "-",
        color=PALETTE["blue"],
        linewidth=2,
        label="training",
    )
    ax.plot(lams, [_mse(w, x_val, y_val) for w in fits], "--", color=PALETTE["orange"], linewidth=2,
            label="validation")  # fmt: skip
    ax.set_xscale("log")
    ax.set_xlabel("L2 strength $\\lambda$ (degree 11)")
    ax.set_xticks([1e-8, 1e-5, 1e-2, 10])

    for ax in axes:
        ax.axhline(0.0625, color=PALETTE["grey"], linestyle=":", linewidth=1.2)
        ax.set_yscale("log")
        ax.set_ylim(8e-5, 20)
        ax.legend(fontsize=9, loc="upper center")
    return fig
