"""Softmax of the same three logits at three temperatures."""

import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "The same action logits $(2, 1, 0.1)$ turned into a policy by "
    "$\\operatorname{softmax}(\\mathbf x / T)$ at three temperatures. A low temperature "
    "($T = 0.5$) sharpens the distribution towards the best action, $T = 1$ is plain softmax, "
    "and a high temperature ($T = 5$) flattens it towards uniform ($1/3$ each, dotted). The "
    "order of the actions never changes; only how decisive the policy is."
)
ALT = (
    "A grouped bar chart with three groups, one per action (logits 2, 1 and 0.1), and three "
    "bars in each group for temperatures 0.5, 1 and 5. Action 1 gets about 0.86, 0.66 and "
    "0.40; action 2 about 0.12, 0.24 and 0.33; action 3 about 0.02, 0.10 and 0.27. A dotted "
    "line marks the uniform probability 1/3."
)


def _softmax(v):
    e = np.exp(v - np.max(v))
    return e / e.sum()


def draw():
    logits = np.array([2.0, 1.0, 0.1])
    fig, ax = new_figure(6.4, 3.6)
    width = 0.26
    for k, (T, colour) in enumerate(
        ((0.5, PALETTE["blue"]), (1.0, PALETTE["green"]), (5.0, PALETTE["orange"]))
    ):
        p = _softmax(logits / T)
        xs = np.arange(3) + (k - 1) * width
        ax.bar(xs, p, width=width * 0.95, color=colour, label=f"$T = {T:g}$")
        for x, v in zip(xs, p):
            ax.text(x, v + 0.015, f"{v:.2f}", ha="center", va="bottom", fontsize=9)
    ax.axhline(1 / 3, color=PALETTE["grey"], linestyle=":", linewidth=1.2)
    ax.set_xticks(range(3), [f"action {i + 1}\nlogit {v:g}" for i, v in enumerate(logits)])
    ax.set_ylabel("probability")
    ax.set_ylim(0, 1.0)
    ax.legend(loc="upper right")
    return fig
