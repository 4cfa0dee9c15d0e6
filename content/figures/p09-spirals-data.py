"""The two-spirals data set, and what shuffling does to the class mix of each batch."""

import numpy as np
from _p09_spirals import spirals
from _style import PALETTE, new_figure

CAPTION = (
    "Left: the page's data, `makespirals(100, seed=0)`: 200 points on two interleaved arms "
    "of 1.5 turns, 100 per class. No straight line separates them, so the network needs its "
    "hidden layers. Right: the share of class-1 points in each of the 10 batches of 20. In "
    "the stored order (grey) the data are sorted by class, so the first five batches hold "
    "only class 0 and the last five only class 1; after `rng.permutation(200)` (blue) every "
    "batch is a mix near the overall 50 %."
)
ALT = (
    "Two panels. Left: a scatter plot of two interleaved spirals, blue circles for class 0 "
    "and orange triangles for class 1, filling a square from -1 to 1. Right: a bar chart "
    "over batches 1 to 10; grey bars are 0 for batches 1 to 5 and 1 for batches 6 to 10, "
    "blue bars vary between about 0.35 and 0.65 around a dashed line at 0.5."
)


def draw():
    X, y = spirals(100, seed=0)
    fig, (left, right) = new_figure(6.4, 3.4, ncols=2, width_ratios=[1.0, 1.2])
    left.scatter(*X[y == 0].T, s=12, marker="o", color=PALETTE["blue"], label="class 0")
    left.scatter(*X[y == 1].T, s=14, marker="^", color=PALETTE["orange"], label="class 1")
    left.set_aspect("equal")
    left.set_xlim(-1.15, 1.15)
    left.set_ylim(-1.15, 1.15)
    left.set_xticks([-1, 0, 1])
    left.set_yticks([-1, 0, 1])
    left.set_xlabel("$x_1$")
    left.set_ylabel("$x_2$")
    left.legend(fontsize=9, loc="lower left", handletextpad=0.2, borderpad=0.3)
    left.set_title("two spirals, 200 points", fontsize=11)

    order = np.random.default_rng(0).permutation(len(y))
    batches = np.arange(1, 11)
    stored = [y[i * 20 : (i + 1) * 20].mean() for i in range(10)]
    shuffled = [y[order[i * 20 : (i + 1) * 20]].mean() for i in range(10)]
    right.bar(batches - 0.2, stored, width=0.4, color=PALETTE["grey"], label="stored order")
    right.bar(batches + 0.2, shuffled, width=0.4, color=PALETTE["blue"], label="shuffled")
    right.axhline(0.5, color="black", linestyle="--", linewidth=1)
    right.set_xticks(batches)
    right.set_ylim(0, 1.25)
    right.set_yticks([0, 0.5, 1])
    right.set_xlabel("batch of 20 in one epoch")
    right.set_ylabel("share of class 1")
    right.legend(fontsize=9, loc="upper left", ncols=2)
    right.set_title("class mix per batch", fontsize=11)
    return fig
