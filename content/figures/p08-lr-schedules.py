"""Four learning-rate schedules over one training run."""

import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "Learning-rate schedules over a run of 100,000 updates with a base rate of "
    "$2.5 \\times 10^{-4}$. **Constant**: most DQN-family agents. **Linear decay to 0**: PPO "
    "on Atari. **Step decay**: the rate divided by 10 at 50% and 75% of the run, the classic "
    "schedule for image classifiers. **Warmup + cosine**: a linear rise over the first 5,000 "
    "updates, then half a cosine wave down to 0, the usual choice for transformers."
)
ALT = (
    "Learning rate against update number from 0 to 100,000. A flat grey line at 2.5e-4; a "
    "blue straight line falling from 2.5e-4 to 0; an orange staircase at 2.5e-4, then "
    "2.5e-5 from 50,000 and 2.5e-6 from 75,000; and a green curve that rises linearly to "
    "2.5e-4 by 5,000 and then falls along a smooth S-shaped cosine to 0 at 100,000."
)


def draw():
    total, warm, base = 100_000, 5_000, 2.5e-4
    s = np.arange(total + 1)
    constant = np.full(s.shape, base)
    linear = base * (1 - s / total)
    step = base * 0.1 ** ((s >= total // 2).astype(float) + (s >= 3 * total // 4))
    p = np.clip((s - warm) / (total - warm), 0.0, 1.0)
    cosine = np.where(s < warm, base * s / warm, 0.5 * base * (1 + np.cos(np.pi * p)))
    fig, ax = new_figure(6.4, 3.6)
    ax.plot(
        s, constant * 1e4, "--", color=PALETTE["grey"], linewidth=1.8, label="constant", zorder=3
    )
    ax.plot(s, linear * 1e4, color=PALETTE["blue"], linewidth=1.8, label="linear decay to 0")
    ax.plot(s, step * 1e4, color=PALETTE["orange"], linewidth=1.8, label="step decay (x0.1)")
    ax.plot(s, cosine * 1e4, color=PALETTE["green"], linewidth=1.8, label="warmup + cosine")
    ax.set_xlabel("update")
    ax.set_ylabel("learning rate ($\\times 10^{-4}$)")
    ax.set_ylim(0.0, 2.9)
    ax.ticklabel_format(axis="x", style="plain")
    ax.set_xticks([0, 25_000, 50_000, 75_000, 100_000], ["0", "25k", "50k", "75k", "100k"])
    ax.legend(fontsize=9, loc="lower left")
    return fig
