"""The overfit-a-tiny-batch check: a correct loop memorises 8 points, a broken one cannot."""

import numpy as np
from _p09_spirals import init, spirals, step
from _style import PALETTE, new_figure

CAPTION = (
    "The sanity check to run before any long training: take 8 samples of the spirals and "
    "train on them alone, one batch of 8, for 200 steps. A correct loop (blue) starts near "
    "$\\ln 2 \\approx 0.693$ (dashed), the loss of a network that gives each class "
    "probability 1/2, and drives the loss towards 0: 8 points are easy to memorise, so "
    "100 % training accuracy must follow. The orange run has a classic bug: its labels are "
    "shuffled with a different permutation than its inputs at every step, so there is "
    "nothing to learn and the loss hovers around $\\ln 2$. The grey run has another: "
    "the update adds the gradient instead of subtracting it (here with a smaller step), and "
    "the loss climbs."
)
ALT = (
    "A line plot over 200 steps with a logarithmic loss axis and a dashed line at 0.693. "
    "A blue curve starts near the dashed line and falls steadily to about 0.01. An orange "
    "curve wobbles around the dashed line. A grey curve starts there and rises to the top "
    "of the plot."
)


def draw():
    X, y = spirals(100, seed=0)
    pick = np.random.default_rng(3).permutation(len(y))[:8]
    Xs, ys = X[pick], y[pick]
    runs = {"correct loop": ("ok", PALETTE["blue"]),
            "bug: labels shuffled apart": ("apart", PALETTE["orange"]),
            "bug: + instead of - in the update": ("ascent", PALETTE["grey"])}  # fmt: skip
    fig, ax = new_figure(6.4, 3.6)
    for label, (kind, colour) in runs.items():
        params = init([2, 32, 32, 2], 1)
        rng = np.random.default_rng(1)
        losses = []
        for _ in range(200):
            yb = ys[rng.permutation(8)] if kind == "apart" else ys
            lr = -0.05 if kind == "ascent" else 0.2
            with np.errstate(all="ignore"):
                params, loss = step(params, Xs, yb, lr)
            losses.append(min(loss, 10.0) if np.isfinite(loss) else 10.0)
        ax.plot(np.arange(1, 201), losses, color=colour, linewidth=1.8, label=label)
    ax.axhline(np.log(2.0), color="black", linestyle="--", linewidth=1, label="ln 2")
    ax.set_yscale("log")
    ax.set_ylim(1e-3, 10.0)
    ax.set_xlabel("step (one batch of the same 8 samples)")
    ax.set_ylabel("loss of the batch")
    ax.legend(fontsize=9, loc="lower left")
    return fig
