"""The sigmoid's derivative, with the saturated regions (slope below 1% of its best) shaded."""

import numpy as np
from _style import PALETTE, new_figure, zero_lines

CAPTION = (
    "The sigmoid (thin) and its derivative $\\sigma'(z) = \\sigma(z)\\,(1 - \\sigma(z))$ "
    "(thick). The slope is largest at $z = 0$, where it is only $0.25$, and it falls off "
    "fast: in the shaded regions, $|z| > 4.6$, it is below $0.01$ and the unit is "
    "**saturated**: changing its weights barely changes its output, so almost no gradient "
    "passes through it."
)
ALT = (
    "A plot over z from -8 to 8. The sigmoid curve rises from 0 to 1. Its derivative is a "
    "bell-shaped bump with a peak of 0.25 at z = 0 that is almost 0 beyond about z = 4.6 "
    "on either side; those two outer regions are shaded and labelled saturated."
)

LIMIT = 0.01  # slope below which a unit counts as saturated here


def draw():
    z = np.linspace(-8.0, 8.0, 1601)
    s = 1.0 / (1.0 + np.exp(-z))
    ds = s * (1.0 - s)
    # sigma'(z) = LIMIT  <=>  sigma(z) = (1 + sqrt(1 - 4 LIMIT)) / 2
    edge = float(np.log((1 + np.sqrt(1 - 4 * LIMIT)) / (1 - np.sqrt(1 - 4 * LIMIT))))

    fig, ax = new_figure(6.4, 3.6)
    for lo, hi in ((-8.0, -edge), (edge, 8.0)):
        ax.axvspan(lo, hi, color=PALETTE["shade"], linewidth=0, zorder=0)
        ax.text(
            (lo + hi) / 2,
            0.55,
            "saturated\nslope < 0.01",
            ha="center",
            va="center",
            color=PALETTE["orange"],
            fontsize=11,
        )
    zero_lines(ax)
    ax.plot(z, s, color=PALETTE["grey"], linewidth=1.2, label="$\\sigma(z)$")
    ax.plot(z, ds, color=PALETTE["blue"], linewidth=2.4, label="$\\sigma'(z)$")
    ax.annotate(
        "largest slope: 0.25",
        xy=(0.0, 0.25),
        xytext=(1.2, 0.36),
        arrowprops={"arrowstyle": "->", "color": "#4a525c", "linewidth": 1.0},
        fontsize=11,
    )
    ax.set_xlim(-8, 8)
    ax.set_ylim(-0.03, 1.05)
    minus = "\N{MINUS SIGN}"  # custom tick labels: a real minus, as matplotlib's own use
    labels = [f"{minus}8", f"{minus}{edge:.1f}", f"{minus}2", "0", "2", f"{edge:.1f}", "8"]
    ax.set_xticks([-8, -edge, -2, 0, 2, edge, 8], labels)
    ax.set_xlabel("$z$")
    ax.legend(loc="upper left")
    return fig
