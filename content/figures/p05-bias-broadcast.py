"""Broadcasting a bias: shape (M,) goes to every row (right), shape (M, 1) to every column (wrong)."""

from _style import PALETTE, new_figure
from matplotlib.patches import Rectangle

CAPTION = (
    "Adding a bias to a batch with $N = M = 3$ (3 samples, 3 units; the values before the "
    "bias are all 0 here, so only the bias shows). "
    "**Top:** `b` of shape $(M,)$ lines up with the last axis and is repeated down the rows, "
    "so unit $m$ gets $b_m$ in every sample (right). **Bottom:** the same numbers stored as "
    "a column, shape $(M, 1)$, are repeated along the rows instead, so sample $n$ gets "
    "$b_n$ on every unit (wrong). With $N \\ne M$ the bottom version raises an error; with "
    "$N = M$ it runs silently."
)
ALT = (
    "Two rows of diagrams. In each, a small bias array with the values 10, 20 and 30 is "
    "broadcast onto a 3 by 3 grid of samples by units. Top row: the bias is a row of shape "
    "(M,), and every row of the grid reads 10, 20, 30, so each column has one colour; "
    "labelled correct, b_m goes to unit m. Bottom row: the bias is a column of shape (M, 1), "
    "and the grid's rows read 10 10 10, 20 20 20, 30 30 30, so each row has one colour; "
    "labelled wrong, b_n goes to sample n."
)

VALUES = [10, 20, 30]


def _cell(ax, x, y, value, colour):
    ax.add_patch(Rectangle((x, y), 0.9, 0.9, facecolor=colour, edgecolor="white", linewidth=1.5))
    ax.text(x + 0.45, y + 0.45, str(value), ha="center", va="center", fontsize=11)


def draw():
    tints = ["#cfe0f3", "#f6d3bd", "#cfe8d6"]  # light versions of blue, orange, green
    fig, ax = new_figure(6.4, 4.0)
    rows = [("b shape (M,)", "row"), ("b shape (M, 1)", "column")]
    for r, (label, kind) in enumerate(rows):
        y0 = 4.6 - r * 4.4  # top of this diagram
        # the bias itself
        if kind == "row":
            for m, v in enumerate(VALUES):
                _cell(ax, 0.0 + m, y0 - 1.0, v, tints[m])
            ax.text(1.5, y0 + 0.25, label, ha="center", va="bottom", fontsize=11)
        else:
            for m, v in enumerate(VALUES):
                _cell(ax, 1.0, y0 - 1.0 - m, v, tints[m])
            ax.text(1.5, y0 + 0.25, label, ha="center", va="bottom", fontsize=11)
        ax.annotate(
            "",
            xy=(4.45, y0 - 1.55),
            xytext=(3.2, y0 - 1.55),
            arrowprops={"arrowstyle": "->", "color": "#4a525c", "linewidth": 1.4},
        )
        ax.text(3.82, y0 - 1.35, "broadcast", ha="center", va="bottom", fontsize=9.5)
        # the (N, M) result of S + b for S = 0
        for n in range(3):
            for m in range(3):
                idx = m if kind == "row" else n
                _cell(ax, 6.0 + m, y0 - 1.0 - n, VALUES[idx], tints[idx])
        for m in range(3):
            ax.text(6.45 + m, y0 + 0.05, f"unit {m}", ha="center", va="bottom", fontsize=9)
        for n in range(3):
            ax.text(5.9, y0 - 0.55 - n, f"sample {n}", ha="right", va="center", fontsize=9)
        ok = kind == "row"
        ax.text(
            9.3,
            y0 - 1.05,
            "right:\n$b_m$ goes to\nunit $m$" if ok else "wrong:\n$b_n$ goes to\nsample $n$",
            ha="left",
            va="center",
            fontsize=10.5,
            color=PALETTE["green"] if ok else PALETTE["red"],
        )
    ax.set_xlim(-0.2, 11.6)
    ax.set_ylim(-2.9, 5.4)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return fig
