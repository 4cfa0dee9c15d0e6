"""The CartPole Q-network 4 -> 64 -> 64 -> 2 with the shape of every array written on it."""

import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "The CartPole Q-network `4 -> 64 -> 64 -> 2` on a batch of $N$ states, with the shape of "
    "every array. Each layer multiplies its input $(N, n_{\\text{in}})$ by "
    "$W$ of shape $(n_{\\text{in}}, n_{\\text{out}})$ and adds $\\mathbf b$ of shape "
    "$(n_{\\text{out}},)$; the hidden layers then apply a ReLU, the output layer does not. "
    "The batch size $N$ rides along on the first axis from the states to the Q-values, and "
    "the greedy action is one index per row. (Only 6 of the 64 units of each hidden layer "
    "are drawn.)"
)
ALT = (
    "A diagram of a neural network with four columns of circles: 4 inputs labelled cart "
    "position, cart velocity, pole angle and pole angular velocity; two hidden layers of 64 "
    "units each (6 drawn, with dots for the rest); and 2 outputs labelled Q left and Q right. "
    "Above the columns the arrays are named with their shapes: X (N, 4), A1 (N, 64), "
    "A2 (N, 64), Q (N, 2). Between the columns the parameters are written: W1 (4, 64) and "
    "b1 (64,) then ReLU, W2 (64, 64) and b2 (64,) then ReLU, W3 (64, 2) and b3 (2,) with no "
    "activation. On the right an arrow leads from Q to argmax per row, shape (N,)."
)


def _column(n_drawn, gap=True):
    """y positions of the drawn units of a layer, centred; a gap in the middle for the dots."""
    if not gap:
        return np.linspace(-(n_drawn - 1) / 2, (n_drawn - 1) / 2, n_drawn) * 0.62
    half = n_drawn // 2
    top = 0.62 * (np.arange(half) + 1.0)
    return np.concatenate([top[::-1], -top]) + 0.0


def draw():
    fig, ax = new_figure(6.4, 3.9)
    xs = [0.0, 1.55, 3.1, 4.65]
    cols = [_column(4, gap=False), _column(6), _column(6), _column(2, gap=False)]
    colours = [PALETTE["grey"], PALETTE["blue"], PALETTE["blue"], PALETTE["orange"]]
    # edges first, under the units
    for (x0, y0s), (x1, y1s) in zip(zip(xs, cols), zip(xs[1:], cols[1:])):
        for y0 in y0s:
            for y1 in y1s:
                ax.plot([x0, x1], [y0, y1], color="#c9ced4", linewidth=0.6, zorder=1)
    for x, ys, c in zip(xs, cols, colours):
        ax.scatter(
            np.full(len(ys), x), ys, s=150, color="white", edgecolor=c, linewidth=2, zorder=3
        )
    for x in xs[1:3]:
        ax.text(
            x, 0.0, "\N{VERTICAL ELLIPSIS}", ha="center", va="center", fontsize=14, color="#4a525c"
        )
    inputs = ["cart pos.", "cart vel.", "pole angle", "pole ang. vel."]
    for y, label in zip(cols[0], inputs[::-1]):
        ax.text(xs[0] - 0.17, y, label, ha="right", va="center", fontsize=9)
    for y, label in zip(cols[3], ["Q(s, left)", "Q(s, right)"][::-1]):
        ax.text(xs[3] + 0.17, y, label, ha="left", va="center", fontsize=9)

    heads = ["$X = A_0$\n$(N, 4)$", "$A_1$\n$(N, 64)$", "$A_2$\n$(N, 64)$", "$Q$\n$(N, 2)$"]
    for x, text in zip(xs, heads):
        ax.text(x, 2.55, text, ha="center", va="center", fontsize=11)
    params = [
        "$W_1$ (4, 64)\n$b_1$ (64,)\nReLU",
        "$W_2$ (64, 64)\n$b_2$ (64,)\nReLU",
        "$W_3$ (64, 2)\n$b_3$ (2,)\nno activation",
    ]
    for x0, x1, text in zip(xs, xs[1:], params):
        ax.text(
            (x0 + x1) / 2,
            -2.75,
            text,
            ha="center",
            va="center",
            fontsize=9.5,
            bbox={"boxstyle": "round,pad=0.3", "facecolor": "#f4f6f8", "edgecolor": "#c9ced4"},
        )
    ax.annotate(
        "",
        xy=(xs[3] + 1.45, -1.55),
        xytext=(xs[3], -0.75),
        arrowprops={"arrowstyle": "->", "color": PALETTE["orange"], "linewidth": 1.4},
    )
    ax.text(
        xs[3] + 1.45, -1.95, "argmax per row\n(N,) actions", ha="center", va="center", fontsize=9.5
    )
    ax.set_xlim(-1.45, 6.35)
    ax.set_ylim(-3.45, 3.05)
    ax.set_axis_off()
    return fig
