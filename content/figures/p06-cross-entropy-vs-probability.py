"""Cross-entropy and squared error as functions of the true class's probability, and their gradients."""

import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "**Left:** the loss of one example as a function of the probability $p$ the model gives "
    "to the true class. The cross-entropy $-\\log p$ is 0 for a certain, correct prediction "
    "and grows without bound as $p \\to 0$; the squared error on the probabilities, "
    "$(1 - p)^2$ (two classes: the mean over both of the squared error against the one-hot "
    "target), never exceeds 1. **Right:** the size of "
    "the gradient with respect to the true class's logit (two classes, $p = \\sigma(z)$). "
    "For the cross-entropy it is $1 - p$: largest when the model is most wrong. For the "
    "squared error it is $2p(1 - p)^2$, which vanishes as $p \\to 0$: a confidently wrong "
    "model gets almost no signal to correct itself."
)
ALT = (
    "Two plots over the true-class probability p from 0 to 1. Left: the cross-entropy curve "
    "rises steeply towards the left edge, above 4 near p = 0, while the squared-error curve "
    "stays below 1. Right: the cross-entropy gradient is a straight line from 1 at p = 0 to "
    "0 at p = 1; the squared-error gradient is a low hump, 0 at both ends with a peak of "
    "about 0.3 at p = 1/3, marked as vanishing where the model is confidently wrong."
)


def draw():
    p = np.linspace(0.005, 1.0, 400)
    fig, (left, right) = new_figure(6.4, 3.6, ncols=2)

    left.plot(p, -np.log(p), color=PALETTE["blue"], linewidth=2.2, label="cross-entropy $-\\log p$")
    left.plot(
        p, (1 - p) ** 2, color=PALETTE["orange"], linewidth=2.2, label="squared error $(1-p)^2$"
    )
    left.set_ylim(0, 5)
    left.set_xlim(0, 1)
    left.set_xlabel("probability of the true class $p$")
    left.set_ylabel("loss")
    left.legend(loc="upper right", fontsize=9)

    right.plot(p, 1 - p, color=PALETTE["blue"], linewidth=2.2, label="cross-entropy")
    right.plot(
        p, 2 * p * (1 - p) ** 2, color=PALETTE["orange"], linewidth=2.2, label="squared error"
    )
    right.axvspan(0, 0.1, color=PALETTE["shade"], linewidth=0, zorder=0)
    right.annotate(
        "confidently wrong:\nsquared error\ngives ~no gradient",
        xy=(0.04, 0.07),
        xytext=(0.4, 0.78),
        arrowprops={"arrowstyle": "->", "color": "#4a525c", "linewidth": 1.0},
        fontsize=9,
    )
    right.set_xlim(0, 1)
    right.set_ylim(0, 1.05)
    right.set_xlabel("probability of the true class $p$")
    right.set_ylabel("gradient size $|\\partial \\ell / \\partial z|$")
    right.text(0.6, 0.52, "cross-entropy", color=PALETTE["blue"], fontsize=10)
    right.text(0.5, 0.31, "squared error", color=PALETTE["orange"], fontsize=10)
    return fig
