"""Error of numerical derivatives against the step eps: truncation against rounding, float64 and float32."""

import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "How accurate is a numerical derivative? The relative error against the exact derivative, "
    "for $f(x) = \\tanh(x)\\,e^{x/2}$ at $x = 0.7$, as the step $\\varepsilon$ shrinks (both axes "
    "logarithmic). For large $\\varepsilon$ the Taylor remainder dominates: the one-sided "
    "difference $(f(x+\\varepsilon) - f(x))/\\varepsilon$ has an error proportional to "
    "$\\varepsilon$ (slope 1), the central difference one proportional to $\\varepsilon^2$ "
    "(slope 2). For small $\\varepsilon$, rounding dominates: $f$ is only known to about "
    "$10^{-16}$ in float64, and dividing by $\\varepsilon$ magnifies that, so the error grows "
    "again. Central differences in float64 reach about $10^{-10}$ to $10^{-11}$ near "
    "$\\varepsilon = 10^{-5}$ (the deeper dips are single steps where rounding errors happen "
    "to cancel); in float32 (about 7 digits) the best is about $10^{-5}$, near "
    "$\\varepsilon = 10^{-2}$, too coarse to tell a correct gradient from a slightly wrong one. Gradient checks "
    "use float64 and $\\varepsilon \\approx 10^{-5}$."
)
ALT = (
    "A log-log plot of relative error against the step eps from 1e-12 to 1e-1. Three V-shaped "
    "curves: the one-sided difference in float64 falls with slope 1 to a minimum of about "
    "1e-9 near eps = 1e-7; the central difference in float64 falls with slope 2 to a minimum "
    "of about 1e-11 near eps = 1e-5; the central difference in float32 reaches its minimum "
    "of about 1e-5 near eps = 1e-2 and is much worse everywhere to its left, up to 1 for "
    "the smallest steps. A shaded "
    "band marks eps near 1e-5."
)

X0 = 0.7


def _f(x):
    return np.tanh(x) * np.exp(x / 2)


def _df(x):
    t = np.tanh(x)
    return (1 - t**2) * np.exp(x / 2) + 0.5 * t * np.exp(x / 2)


def draw():
    eps = np.logspace(-12, -1, 89)
    exact = _df(X0)
    one_sided = np.array([(_f(X0 + h) - _f(X0)) / h for h in eps])
    central = np.array([(_f(X0 + h) - _f(X0 - h)) / (2 * h) for h in eps])
    x32 = np.float32(X0)
    central32 = []
    for h in eps.astype(np.float32):
        if h == 0 or x32 + h == x32:
            central32.append(np.nan)
            continue
        plus = _f(np.float32(x32 + h)).astype(np.float32)
        minus = _f(np.float32(x32 - h)).astype(np.float32)
        central32.append(float((plus - minus) / np.float32(2 * h)))
    central32 = np.array(central32)

    def rel(g):
        return np.maximum(np.abs(g - exact) / abs(exact), 1e-14)

    fig, ax = new_figure(6.4, 3.6)
    ax.axvspan(3e-6, 3e-5, color=PALETTE["shade"], alpha=0.7, linewidth=0, zorder=0)
    ax.loglog(eps, rel(one_sided), color=PALETTE["grey"], linewidth=1.6, linestyle="--",
              label="one-sided, float64")  # fmt: skip
    ax.loglog(eps, rel(central), color=PALETTE["blue"], linewidth=2.2, label="central, float64")
    ax.loglog(eps, rel(central32), color=PALETTE["orange"], linewidth=1.8, label="central, float32")
    ax.set_xlabel("step $\\varepsilon$")
    ax.set_ylabel("relative error")
    ax.set_ylim(1e-14, 10)
    ax.grid(True, which="major", color="#e3e6ea", linewidth=0.8)
    ax.text(1e-5, 2.0, "$\\varepsilon \\approx 10^{-5}$", ha="center", va="center", fontsize=9)
    ax.legend(fontsize=9, loc="lower right")
    return fig
