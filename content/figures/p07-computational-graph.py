"""A sigmoid unit with a squared-error loss as a computational graph, values and gradients on it."""

import math

import matplotlib.patches as patches
from _style import PALETTE, new_figure

# The page's worked example: x = 2, w = -0.5, b = 0.5, target y = 1.
X, W, B, Y = 2.0, -0.5, 0.5, 1.0

CAPTION = (
    "The sigmoid unit $L = (\\sigma(wx + b) - y)^2$ as a computational graph, for $x = 2$, "
    "$w = -0.5$, $b = 0.5$, $y = 1$. **Forward** (blue, above each edge): every node computes "
    "its value from its inputs, left to right. **Backward** (orange, below each edge): every "
    "edge carries $\\partial L / \\partial(\\text{that value})$, computed right to left; each "
    "node multiplies the gradient arriving from its output by its own local derivative. The "
    "$+$ node passes the gradient on unchanged to both inputs, the $\\times$ node sends each "
    "input the gradient times the *other* input, and the $\\sigma$ node multiplies by "
    "$\\sigma(z)(1 - \\sigma(z))$."
)
ALT = (
    "A left-to-right graph of boxes joined by arrows: w and x feed a multiply node, whose "
    "output and b feed an add node giving z, which feeds a sigmoid node giving a, which "
    "together with the target y feeds a squared-error node giving the loss L. Above each "
    "arrow the forward value is written in blue: w = -0.5, x = 2, wx = -1, b = 0.5, "
    "z = -0.5, a = 0.378, y = 1, L = 0.387. Below each arrow the gradient of L with respect "
    "to that value is written in orange: dL/dL = 1, dL/da = -1.245, dL/dz = -0.293, "
    "dL/db = -0.293, dL/d(wx) = -0.293, dL/dw = -0.585, dL/dx = 0.146."
)


def _values():
    wx = W * X
    z = wx + B
    a = 1.0 / (1.0 + math.exp(-z))
    loss = (a - Y) ** 2
    g_a = 2.0 * (a - Y)
    g_z = g_a * a * (1.0 - a)
    return {
        "w": (W, g_z * X),
        "x": (X, g_z * W),
        "wx": (wx, g_z),
        "b": (B, g_z),
        "z": (z, g_z),
        "a": (a, g_a),
        "y": (Y, None),
        "L": (loss, 1.0),
    }


def _fmt(v):
    text = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _node(ax, xy, text, *, leaf=False, width=0.7):
    w, h = (0.8, 0.75) if leaf else (width, 0.95)
    box = patches.FancyBboxPatch(
        (xy[0] - w / 2, xy[1] - h / 2),
        w,
        h,
        boxstyle="round,pad=0.02,rounding_size=0.15",
        facecolor="#f4f6f8" if leaf else "white",
        edgecolor=PALETTE["grey"] if leaf else "#2b3138",
        linewidth=1.2 if leaf else 1.8,
        zorder=3,
    )
    ax.add_patch(box)
    ax.text(xy[0], xy[1], text, ha="center", va="center", fontsize=12, zorder=4)


def _arrow(ax, start, end):
    ax.annotate(
        "",
        xy=end,
        xytext=start,
        arrowprops={"arrowstyle": "-|>", "color": "#4a525c", "linewidth": 1.3, "shrinkA": 0,
                    "shrinkB": 0},
        zorder=2,
    )  # fmt: skip


def _labels(ax, xy, name, value, grad, *, ha="center"):
    """The forward value above xy (blue) and the gradient below it (orange)."""
    ax.text(xy[0], xy[1] + 0.08, f"{name} = {_fmt(value)}", ha=ha, va="bottom", fontsize=10,
            color=PALETTE["blue"])  # fmt: skip
    if grad is not None:
        ax.text(xy[0], xy[1] - 0.08, _fmt(grad), ha=ha, va="top", fontsize=10,
                color=PALETTE["orange"], fontweight="bold")  # fmt: skip


def draw():
    v = _values()
    fig, ax = new_figure(6.4, 3.6)
    ax.set_xlim(-0.2, 10.2)
    ax.set_ylim(0.0, 6.0)
    ax.axis("off")

    pos = {"w": (0.5, 4.9), "x": (0.5, 2.1), "mul": (2.5, 3.5), "b": (2.5, 0.75),
           "add": (4.4, 3.5), "sig": (6.2, 3.5), "y": (6.4, 0.75), "sq": (8.6, 3.5)}  # fmt: skip
    for leaf in ("w", "x", "b", "y"):
        _node(ax, pos[leaf], f"${leaf}$", leaf=True)
    _node(ax, pos["mul"], "$\\times$")
    _node(ax, pos["add"], "$+$")
    _node(ax, pos["sig"], "$\\sigma$")
    _node(ax, pos["sq"], "$(a-y)^2$", width=1.25)
    ax.text(10.05, 3.5, "$L$", ha="center", va="center", fontsize=13)

    _arrow(ax, (0.9, 4.65), (2.15, 3.75))
    _arrow(ax, (0.9, 2.35), (2.15, 3.25))
    _arrow(ax, (2.85, 3.5), (4.05, 3.5))
    _arrow(ax, (2.85, 1.1), (4.15, 3.02))
    _arrow(ax, (4.75, 3.5), (5.85, 3.5))
    _arrow(ax, (6.55, 3.5), (7.975, 3.5))
    _arrow(ax, (6.75, 1.1), (8.2, 3.02))
    _arrow(ax, (9.225, 3.5), (9.85, 3.5))

    _labels(ax, (1.25, 4.95), "w", *v["w"], ha="left")
    _labels(ax, (1.25, 2.05), "x", *v["x"], ha="left")
    _labels(ax, (3.45, 3.5), "wx", *v["wx"])
    _labels(ax, (3.65, 1.75), "b", *v["b"], ha="left")
    _labels(ax, (5.3, 3.5), "z", *v["z"])
    _labels(ax, (7.26, 3.5), "a", *v["a"])
    _labels(ax, (7.75, 1.75), "y", *v["y"], ha="left")
    _labels(ax, (9.6, 4.1), "L", *v["L"])

    ax.text(-0.1, 5.95, "forward values (blue)", color=PALETTE["blue"], fontsize=10, va="top")
    ax.text(-0.1, 0.0, "backward: $\\partial L/\\partial(\\cdot)$ (orange)", color=PALETTE["orange"],
            fontsize=10, va="bottom", fontweight="bold")  # fmt: skip
    return fig
