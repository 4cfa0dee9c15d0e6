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


# Box sizes in data units: (width, height).
LEAF = (0.8, 0.75)
OP = (0.7, 0.95)


def _node(ax, xy, text, *, leaf=False, width=None):
    w, h = LEAF if leaf else (width or OP[0], OP[1])
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
    """The forward value just above xy (blue) and the gradient just below it (orange)."""
    ax.text(xy[0], xy[1] + 0.1, f"{name} = {_fmt(value)}", ha=ha, va="bottom", fontsize=10,
            color=PALETTE["blue"])  # fmt: skip
    if grad is not None:
        ax.text(xy[0], xy[1] - 0.1, _fmt(grad), ha=ha, va="top", fontsize=10,
                color=PALETTE["orange"], fontweight="bold")  # fmt: skip


def draw():
    v = _values()
    fig, ax = new_figure(7.0, 3.8)
    ax.set_xlim(-0.2, 12.3)
    ax.set_ylim(0.0, 6.0)
    ax.axis("off")

    # The main chain on one row, with a gap of 1.65 units between boxes: wide enough for the
    # longest edge label ("a = 0.378") centred on the edge with room either side.
    row, gap, sq_w = 3.5, 1.65, 1.25
    mul = 2.25
    add = mul + OP[0] + gap
    sig = add + OP[0] + gap
    sq = sig + OP[0] / 2 + gap + sq_w / 2
    end = sq + sq_w / 2 + 1.6  # where the arrow to L stops
    pos = {"w": (0.5, 4.9), "x": (0.5, 2.1), "mul": (mul, row), "b": (mul + 0.3, 0.75),
           "add": (add, row), "sig": (sig, row), "y": (sig + 0.6, 0.75), "sq": (sq, row)}  # fmt: skip
    for leaf in ("w", "x", "b", "y"):
        _node(ax, pos[leaf], f"${leaf}$", leaf=True)
    _node(ax, pos["mul"], "$\\times$")
    _node(ax, pos["add"], "$+$")
    _node(ax, pos["sig"], "$\\sigma$")
    _node(ax, pos["sq"], "$(a-y)^2$", width=sq_w)
    ax.text(end + 0.25, row, "$L$", ha="center", va="center", fontsize=13)

    half_op, half_h = OP[0] / 2, OP[1] / 2
    leaf_right = pos["w"][0] + LEAF[0] / 2

    def chain_edge(left, right, name, *, left_w=OP[0], right_w=OP[0]):
        """A horizontal edge of the chain, its labels centred between the two boxes."""
        x0, x1 = left + left_w / 2, right - right_w / 2
        _arrow(ax, (x0, row), (x1, row))
        _labels(ax, ((x0 + x1) / 2, row), name, *v[name])

    _arrow(ax, (leaf_right, pos["w"][1] - 0.25), (mul - half_op, row + 0.25))
    _arrow(ax, (leaf_right, pos["x"][1] + 0.25), (mul - half_op, row - 0.25))
    chain_edge(mul, add, "wx")
    chain_edge(add, sig, "z")
    chain_edge(sig, sq, "a", right_w=sq_w)
    chain_edge(sq, end, "L", left_w=sq_w, right_w=0.0)

    # The two side inputs rise from below into the + node and the loss node.
    b_top = (pos["b"][0] + 0.2, pos["b"][1] + LEAF[1] / 2)
    y_top = (pos["y"][0] + 0.2, pos["y"][1] + LEAF[1] / 2)
    _arrow(ax, b_top, (add - 0.15, row - half_h))
    _arrow(ax, y_top, (sq - 0.25, row - half_h))

    _labels(ax, (leaf_right + 0.2, 4.95), "w", *v["w"], ha="left")
    _labels(ax, (leaf_right + 0.2, 2.05), "x", *v["x"], ha="left")
    _labels(ax, ((b_top[0] + add) / 2 + 0.25, 1.85), "b", *v["b"], ha="left")
    _labels(ax, ((y_top[0] + sq) / 2 + 0.25, 1.85), "y", *v["y"], ha="left")

    ax.text(-0.1, 5.95, "forward values (blue)", color=PALETTE["blue"], fontsize=10, va="top")
    ax.text(-0.1, 0.0, "backward: $\\partial L/\\partial(\\cdot)$ (orange)", color=PALETTE["orange"],
            fontsize=10, va="bottom", fontweight="bold")  # fmt: skip
    return fig
