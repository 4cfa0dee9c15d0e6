"""Dropout masks on a small Q-network: two training steps with different masks, and evaluation."""

import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "Dropout with $p = 0.5$ on the two hidden layers of a 4-6-6-2 network (4 state features "
    "in, 2 Q-values out). **Training:** every step draws a fresh mask; the dropped units "
    "(crossed out) output 0 and receive no gradient, so each step trains a different thinned "
    "network, and the kept units are scaled by $1/(1-p) = 2$. **Evaluation:** every unit is "
    "used and nothing is scaled, so the network is deterministic. Inputs and outputs are "
    "never dropped here."
)
ALT = (
    "Three diagrams of the same layered network with 4 input nodes, two hidden layers of 6 "
    "nodes and 2 output nodes. In the first two, labelled training step 1 and training step 2, "
    "about half of the hidden nodes are grey and crossed out, a different half in each, and "
    "only the connections between remaining nodes are drawn. In the third, labelled "
    "evaluation, all nodes are filled and all connections are drawn."
)

LAYERS = [4, 6, 6, 2]


def _positions():
    pos = []
    for i, n in enumerate(LAYERS):
        ys = np.linspace(-(n - 1) / 2, (n - 1) / 2, n) * 0.8
        pos.append([(float(i), float(y)) for y in ys])
    return pos


def _panel(ax, keep, title):
    pos = _positions()
    for i in range(len(LAYERS) - 1):
        for a, (x0, y0) in enumerate(pos[i]):
            for b, (x1, y1) in enumerate(pos[i + 1]):
                if keep[i][a] and keep[i + 1][b]:
                    ax.plot([x0, x1], [y0, y1], color="#9aa3ad", linewidth=0.7, zorder=1)
    for i, layer in enumerate(pos):
        for a, (x, y) in enumerate(layer):
            if keep[i][a]:
                colour = PALETTE["blue"] if 0 < i < len(LAYERS) - 1 else PALETTE["grey"]
                ax.scatter([x], [y], s=150, color=colour, zorder=3, edgecolor="white")
            else:
                ax.scatter([x], [y], s=150, color="white", edgecolor="#b8c0c8", zorder=3)
                ax.plot([x - 0.12, x + 0.12], [y - 0.16, y + 0.16], color=PALETTE["red"],
                        linewidth=1.6, zorder=4)  # fmt: skip
                ax.plot([x - 0.12, x + 0.12], [y + 0.16, y - 0.16], color=PALETTE["red"],
                        linewidth=1.6, zorder=4)  # fmt: skip
    ax.set_title(title, fontsize=11)
    ax.set_xlim(-0.4, len(LAYERS) - 0.6)
    ax.set_ylim(-2.6, 2.6)
    ax.axis("off")


def draw():
    rng = np.random.default_rng(5)
    fig, axes = new_figure(6.4, 3.2, ncols=3)
    everything = [np.ones(n, dtype=bool) for n in LAYERS]
    for ax, step in zip(axes[:2], (1, 2)):
        keep = [np.ones(LAYERS[0], dtype=bool)]
        keep += [rng.random(n) >= 0.5 for n in LAYERS[1:-1]]
        keep += [np.ones(LAYERS[-1], dtype=bool)]
        _panel(ax, keep, f"training step {step}")
    _panel(axes[2], everything, "evaluation")
    for ax in axes:
        ax.text(0.0, -2.45, "state", ha="center", fontsize=9, color=PALETTE["grey"])
        ax.text(3.0, -2.45, "Q", ha="center", fontsize=9, color=PALETTE["grey"])
    return fig
