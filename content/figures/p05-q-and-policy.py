"""From a network's output to an action: greedy argmax of Q-values vs sampling from a softmax."""

import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "Two ways to act on one forward pass, for a LunarLander state with four actions. "
    "**Left:** a Q-network outputs $Q(s, a)$, any real numbers (here two are negative); "
    "the greedy action is the one with the largest value, the argmax of the row. "
    "**Right:** a policy network outputs logits; the softmax turns them into probabilities "
    "$\\pi(a \\mid s)$, and during training the agent *samples* its action from them, so "
    "every action keeps a chance of being tried. The most probable action is the one with "
    "the largest logit."
)
ALT = (
    "Two bar charts over the four LunarLander actions: do nothing, left engine, main engine, "
    "right engine. Left, Q-values of -1.2, 0.4, 1.1 and 0.9, with the bar of the main engine "
    "(1.1) highlighted as the greedy action. Right, a policy's probabilities computed by "
    "softmax from logits -1.0, 0.5, 1.3 and 0.8: about 0.05, 0.21, 0.46 and 0.28, with the "
    "bars labelled by their probabilities and a note that the action is sampled."
)

ACTIONS = ["nothing", "left\nengine", "main\nengine", "right\nengine"]


def draw():
    q = np.array([-1.2, 0.4, 1.1, 0.9])
    logits = np.array([-1.0, 0.5, 1.3, 0.8])
    e = np.exp(logits - logits.max())
    probs = e / e.sum()
    x = np.arange(4)

    fig, (ax_q, ax_p) = new_figure(6.4, 3.6, ncols=2)
    colours = [PALETTE["grey"]] * 4
    best = int(np.argmax(q))
    colours[best] = PALETTE["orange"]
    ax_q.bar(x, q, color=colours, width=0.65)
    ax_q.axhline(0.0, color="#4a525c", linewidth=0.8)
    ax_q.set_xticks(x, ACTIONS, fontsize=9)
    ax_q.set_title("Q-network: $Q(s, a)$", fontsize=11)
    ax_q.set_ylim(-1.6, 1.75)
    ax_q.text(best, q[best] + 0.08, "argmax:\ngreedy", ha="center", va="bottom", fontsize=9.5)

    ax_p.bar(x, probs, color=PALETTE["blue"], width=0.65)
    for xi, p in zip(x, probs):
        ax_p.text(xi, p + 0.01, f"{p:.2f}", ha="center", va="bottom", fontsize=9.5)
    ax_p.set_xticks(x, ACTIONS, fontsize=9)
    ax_p.set_title("policy: softmax(logits)", fontsize=11)
    ax_p.set_ylim(0, 0.62)
    ax_p.text(
        0.02,
        0.97,
        "sample\n$a \\sim \\pi(\\cdot \\mid s)$",
        transform=ax_p.transAxes,
        ha="left",
        va="top",
        fontsize=9.5,
    )
    return fig
