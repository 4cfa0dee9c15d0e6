"""Running mean and running variance of one feature over training batches."""

import numpy as np
from _style import PALETTE, new_figure

TRUE_MEAN, TRUE_STD, STEPS = 3.0, 2.0, 150

CAPTION = (
    "The running statistics of one feature whose true mean is 3 and variance 4, updated "
    "with `new = (1 - momentum) * old + momentum * batch` from the initial values 0 and 1 "
    "of `nn.BatchNorm1d`. Left: batches of 32; the batch means (dots) scatter around 3, the "
    "running mean with momentum 0.1 reaches them within a few dozen steps and then "
    "averages about the last 10 batches, momentum 0.01 is smoother but needs hundreds of "
    "steps. Right: batches of only 4 samples, momentum 0.1; the biased batch variance "
    "(divided by $N$) settles about $(N-1)/N = 3/4$ of the true variance, the unbiased one "
    "(divided by $N - 1$, what PyTorch stores) around the true value."
)
ALT = (
    "Two panels against the training step from 0 to 150. Left: grey dots of batch means "
    "scattered between about 2 and 4, a blue curve rising from 0 to about 3 within 40 steps "
    "and then wobbling around 3, and an orange curve rising slowly to about 2.3 by step 150. "
    "Right: a dashed line at the true variance 4, a blue curve that fluctuates around 4, and "
    "an orange curve that fluctuates around 3."
)


def draw():
    rng = np.random.default_rng(12)
    fig, (left, right) = new_figure(6.4, 3.6, ncols=2)
    steps = np.arange(1, STEPS + 1)

    batches = rng.normal(TRUE_MEAN, TRUE_STD, (STEPS, 32))
    means = batches.mean(axis=1)
    for momentum, colour in ((0.1, PALETTE["blue"]), (0.01, PALETTE["orange"])):
        run, curve = 0.0, []
        for m in means:
            run = (1 - momentum) * run + momentum * m
            curve.append(run)
        left.plot(steps, curve, color=colour, linewidth=2, label=f"momentum {momentum}")
    left.plot(steps, means, ".", color=PALETTE["grey"], markersize=3, label="batch mean")
    left.axhline(TRUE_MEAN, color="#222222", linestyle=":", linewidth=1)
    left.set_title("running mean, N = 32", fontsize=11)
    left.set_xlabel("training step")
    left.legend(fontsize=9, loc="lower right")

    small = rng.normal(TRUE_MEAN, TRUE_STD, (STEPS, 4))
    for ddof, colour, label in ((1, PALETTE["blue"], "unbiased (N - 1)"),
                                (0, PALETTE["orange"], "biased (N)")):  # fmt: skip
        run, curve = 1.0, []
        for v in small.var(axis=1, ddof=ddof):
            run = 0.9 * run + 0.1 * v
            curve.append(run)
        right.plot(steps, curve, color=colour, linewidth=2, label=label)
    right.axhline(TRUE_STD**2, color="#222222", linestyle=":", linewidth=1)
    right.set_title("running variance, N = 4", fontsize=11)
    right.set_xlabel("training step")
    right.set_ylim(0, 8)
    right.legend(fontsize=9, loc="upper right")
    return fig
