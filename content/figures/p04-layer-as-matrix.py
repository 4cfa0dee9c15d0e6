"""A 3 -> 4 -> 2 MLP with every connection, and W1 drawn as the matrix whose columns are units."""

import numpy as np
from _style import PALETTE, new_figure
from matplotlib.patches import Rectangle

CAPTION = (
    "A small MLP `3 -> 4 -> 2` on a batch of $N$ inputs (left) and its first weight matrix "
    "(right). Every input connects to every hidden unit: the 12 connections of layer 1 are "
    "the 12 entries of $W_1$, of shape $(n_{\\text{in}}, n_{\\text{out}}) = (3, 4)$. "
    "The connections into hidden unit 3 (orange) are column 3 of $W_1$, so one matrix "
    "product $X W_1$ computes all four units for all $N$ inputs at once. The layer has "
    "$3 \\cdot 4 + 4 = 16$ parameters, the output layer $4 \\cdot 2 + 2 = 10$."
)
ALT = (
    "Left: a network diagram with 3 input circles, 4 hidden circles and 2 output circles, "
    "every circle of one column joined to every circle of the next. The three lines into the "
    "third hidden unit are orange. Labels give the shapes: X (N, 3), W1 (3, 4) and b1 (4,), "
    "H (N, 4), W2 (4, 2) and b2 (2,), output (N, 2). Right: a 3 by 4 grid of weight values "
    "labelled W1 with rows for inputs 1 to 3 and columns for hidden units 1 to 4; the third "
    "column is outlined in orange."
)


def _ys(n):
    return np.linspace((n - 1) / 2, -(n - 1) / 2, n)  # first unit on top


def draw():
    rng = np.random.default_rng(4)
    W1 = np.round(rng.normal(0.0, np.sqrt(2 / 3), size=(3, 4)), 1) + 0.0  # + 0.0: no "-0.0"
    fig, (ax, axm) = new_figure(6.6, 3.6, ncols=2, gridspec_kw={"width_ratios": [1.35, 1]})
    xs = [0.0, 1.0, 2.0]
    cols = [_ys(3), _ys(4), _ys(2)]
    hi = 2  # hidden unit 3 (0-based index 2) is highlighted
    for layer in range(2):
        for y0 in cols[layer]:
            for j, y1 in enumerate(cols[layer + 1]):
                special = layer == 0 and j == hi
                ax.plot(
                    [xs[layer], xs[layer + 1]],
                    [y0, y1],
                    color=PALETTE["orange"] if special else "#b8c0c8",
                    linewidth=2.2 if special else 0.9,
                    zorder=2 if special else 1,
                )
    names = [["$x_1$", "$x_2$", "$x_3$"], ["$h_1$", "$h_2$", "$h_3$", "$h_4$"], ["$y_1$", "$y_2$"]]
    for x, ys, labels in zip(xs, cols, names):
        for k, (y, lab) in enumerate(zip(ys, labels)):
            edge = PALETTE["orange"] if (x == 1.0 and k == hi) else PALETTE["blue"]
            ax.scatter([x], [y], s=430, color="white", edgecolor=edge, linewidth=2, zorder=3)
            ax.text(x, y, lab, ha="center", va="center", fontsize=10, zorder=4)
    top = 2.35
    for x, lab in zip(xs, ["X (N, 3)", "H (N, 4)", "out (N, 2)"]):
        ax.text(x, top, lab, ha="center", va="bottom", fontsize=10)
    ax.text(0.5, -2.55, "$W_1$ (3, 4)\n$b_1$ (4,), ReLU", ha="center", va="top", fontsize=10)
    ax.text(1.5, -2.55, "$W_2$ (4, 2)\n$b_2$ (2,), linear", ha="center", va="top", fontsize=10)
    ax.set_xlim(-0.35, 2.35)
    ax.set_ylim(-3.45, 2.8)
    ax.axis("off")

    axm.imshow(np.zeros_like(W1), cmap="Greys", vmin=0, vmax=1)
    for i in range(3):
        for j in range(4):
            axm.text(
                j,
                i,
                f"{abs(W1[i, j]):.1f}" if W1[i, j] == 0 else f"{W1[i, j]:.1f}",
                ha="center",
                va="center",
                fontsize=10,
            )
    axm.add_patch(
        Rectangle((hi - 0.5, -0.5), 1, 3, fill=False, edgecolor=PALETTE["orange"], linewidth=2.5)
    )
    axm.set_xticks(range(4), ["$h_1$", "$h_2$", "$h_3$", "$h_4$"])
    axm.set_yticks(range(3), ["$x_1$", "$x_2$", "$x_3$"])
    axm.tick_params(length=0)
    axm.grid(False)
    for y in np.arange(-0.5, 3, 1):
        axm.axhline(y, color="#9aa3ad", linewidth=0.8)
    for x in np.arange(-0.5, 4, 1):
        axm.axvline(x, color="#9aa3ad", linewidth=0.8)
    axm.set_title("$W_1$: row = input, column = unit", fontsize=10)
    return fig
