"""Where the Nature DQN's parameters are: per layer, on a log scale."""

import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "Parameters per layer of the Nature DQN with 4 actions (log scale). The three "
    "convolutions together hold 77,984 parameters, 4.6% of the total: a filter's weights are "
    "shared across every position of the image. fc1, which connects every one of the 3,136 "
    "flattened features to each of 512 units, holds 1,606,144 (95.3%)."
)
ALT = (
    "A horizontal bar chart on a logarithmic axis with five bars: conv1 8,224, conv2 32,832, "
    "conv3 36,928, fc1 1,606,144 and fc2 2,052 parameters. The fc1 bar is far longer than "
    "the others and is labelled 95.3 percent."
)

LAYERS = [
    ("conv1", 32 * 4 * 8 * 8 + 32, "blue"),
    ("conv2", 64 * 32 * 4 * 4 + 64, "blue"),
    ("conv3", 64 * 64 * 3 * 3 + 64, "blue"),
    ("fc1", 3136 * 512 + 512, "orange"),
    ("fc2", 512 * 4 + 4, "green"),
]


def draw():
    total = sum(n for _, n, _ in LAYERS)
    fig, ax = new_figure(6.4, 3.2)
    names = [name for name, _, _ in LAYERS][::-1]
    counts = np.array([n for _, n, _ in LAYERS][::-1], dtype=float)
    colours = [PALETTE[c] for _, _, c in LAYERS][::-1]
    ax.barh(names, counts, color=colours)
    for y, n in enumerate(counts):
        ax.text(n * 1.15, y, f"{int(n):,}  ({100 * n / total:.1f}%)", va="center", fontsize=9)
    ax.set_xscale("log")
    ax.set_xlim(1e3, 3e8)
    ax.set_xlabel("parameters (log scale)")
    ax.set_title(f"total {total:,}", fontsize=10)
    return fig
