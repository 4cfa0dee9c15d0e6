"""Huber loss against the squared and absolute errors, and their derivatives."""

import numpy as np
from _style import PALETTE, new_figure, zero_lines

CAPTION = (
    "**Left:** the per-element losses as functions of the error $e = \\hat{y} - y$: the "
    "squared error $\\tfrac12 e^2$, the absolute error $|e|$, and the Huber loss with "
    "$\\delta = 1$, which follows $\\tfrac12 e^2$ inside $[-\\delta, \\delta]$ and grows "
    "linearly, with slope $\\delta$, outside (shaded). **Right:** their derivatives, the "
    "factor each error contributes to the gradient. The squared error's derivative is the "
    "error itself, so an error of 4 pushes four times harder than an error of 1; the "
    "absolute error's jumps from $-1$ to $1$ at 0; Huber's is the error **clipped** to "
    "$[-\\delta, \\delta]$: smooth near 0, bounded in the tails. This is the TD-error clipping "
    "of the Nature DQN."
)
ALT = (
    "Two plots over the error e from -4 to 4, with the regions beyond plus and minus 1 "
    "shaded. Left: a parabola for the squared error that leaves the plot beyond about plus "
    "and minus 3, a V shape for "
    "the absolute error, and the Huber curve, which matches the parabola between -1 and 1 "
    "and then continues as straight lines parallel to the V. Right: the derivatives: a "
    "diagonal line for the squared error, a step from -1 to 1 for the absolute error, and "
    "for Huber a diagonal between -1 and 1 that is flat at -1 and 1 outside."
)

DELTA = 1.0


def draw():
    e = np.linspace(-4.0, 4.0, 801)
    a = np.abs(e)
    c = np.minimum(a, DELTA)
    huber = 0.5 * c**2 + DELTA * (a - c)

    fig, (left, right) = new_figure(6.4, 3.6, ncols=2)
    for ax in (left, right):
        for lo, hi in ((-4.0, -DELTA), (DELTA, 4.0)):
            ax.axvspan(lo, hi, color=PALETTE["shade"], linewidth=0, zorder=0, alpha=0.6)
        zero_lines(ax)
        ax.set_xlim(-4, 4)
        ax.set_xlabel("error $e$")

    left.plot(e, 0.5 * e**2, color=PALETTE["orange"], linewidth=1.8, label="$\\frac{1}{2}e^2$")
    left.plot(e, a, color=PALETTE["grey"], linewidth=1.4, linestyle="--", label="$|e|$")
    left.plot(e, huber, color=PALETTE["blue"], linewidth=2.6, label="Huber, $\\delta = 1$")
    left.set_ylim(-0.2, 5)
    left.set_ylabel("loss per element")
    left.legend(loc="upper center", fontsize=9)

    right.plot(e, e, color=PALETTE["orange"], linewidth=1.8, label="$e$")
    right.plot(
        e, np.sign(e), color=PALETTE["grey"], linewidth=1.4, linestyle="--", label="sign$(e)$"
    )
    right.plot(
        e, np.clip(e, -DELTA, DELTA), color=PALETTE["blue"], linewidth=2.6, label="clip$(e, -1, 1)$"
    )
    right.set_ylim(-4, 4)
    right.set_ylabel("derivative")
    right.legend(loc="upper left", fontsize=9)
    return fig
