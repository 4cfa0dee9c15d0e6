"""Where the gradient of a DQN update flows: through Q(s, a) into theta, never through the target."""

import matplotlib.patches as patches
from _style import PALETTE, new_figure

CAPTION = (
    "The computational graph of one DQN update. The loss $(Q_\\theta(s, a) - y)^2$ has two "
    "inputs. The **online branch** (top) computes $Q_\\theta(s, \\cdot)$ and picks the entry "
    "of the action taken; backpropagation (orange arrows) runs from the loss through that "
    "entry into every weight of $\\theta$. The **target branch** (bottom) computes "
    "$y = r + \\gamma (1 - d) \\max_{a'} Q_{\\theta^-}(s', a')$ with the target network, and "
    "the gradient **stops** there: $y$ is treated as a constant (a *semi-gradient*). In NumPy "
    "that is automatic; in PyTorch it takes `torch.no_grad()` or `.detach()`."
)
ALT = (
    "A diagram with two rows of boxes that meet at a loss box on the right. Top row: state s, "
    "online network Q theta, the row Q theta of s, select column a, giving Q of s and a. "
    "Bottom row: next state s prime, target network Q theta minus, max over a prime, and the "
    "TD target y = r + gamma (1 - d) max Q. Both rows feed the loss box, (Q(s, a) - y) "
    "squared. Orange arrows run backwards from the loss along the top row to the online "
    "network's weights theta. On the bottom row the backward arrow is crossed out with the "
    "label no gradient: y is a constant."
)


def _box(ax, xy, text, *, w=1.5, h=0.8, face="white", edge="#2b3138", size=10):
    ax.add_patch(
        patches.FancyBboxPatch(
            (xy[0] - w / 2, xy[1] - h / 2), w, h, boxstyle="round,pad=0.02,rounding_size=0.12",
            facecolor=face, edgecolor=edge, linewidth=1.5, zorder=3,
        )
    )  # fmt: skip
    ax.text(xy[0], xy[1], text, ha="center", va="center", fontsize=size, zorder=4)


def _arrow(ax, start, end, *, colour="#4a525c", style="-|>", dashed=False, width=1.3):
    ax.annotate(
        "", xy=end, xytext=start,
        arrowprops={"arrowstyle": style, "color": colour, "linewidth": width, "shrinkA": 0,
                    "shrinkB": 0, "linestyle": "--" if dashed else "-"},
        zorder=2,
    )  # fmt: skip


def draw():
    fig, ax = new_figure(6.4, 3.6)
    ax.set_xlim(0, 10.4)
    ax.set_ylim(0, 6)
    ax.axis("off")
    top, bottom = 4.3, 1.5
    _box(ax, (0.6, top), "$s$", w=0.8, face="#f4f6f8", edge=PALETTE["grey"])
    _box(ax, (2.35, top), "online net\n$Q_\\theta$", w=1.6, edge=PALETTE["blue"])
    _box(ax, (4.55, top), "pick column $a$\n$Q_\\theta(s, a)$", w=1.9)
    _box(ax, (0.6, bottom), "$s'$", w=0.8, face="#f4f6f8", edge=PALETTE["grey"])
    _box(ax, (2.35, bottom), "target net\n$Q_{\\theta^-}$", w=1.6, edge=PALETTE["grey"])
    _box(ax, (4.55, bottom), "$y = r + \\gamma(1-d)$\n$\\times\\,\\mathrm{max}_{a'}\\, Q_{\\theta^-}(s', a')$",
         w=2.3, h=1.0, size=9.5)  # fmt: skip
    _box(ax, (8.0, 2.9), "loss\n$(Q_\\theta(s,a) - y)^2$", w=2.1, h=1.0)

    # forward
    _arrow(ax, (1.0, top), (1.55, top))
    _arrow(ax, (3.15, top), (3.6, top))
    _arrow(ax, (5.5, top), (6.95, 3.25))
    _arrow(ax, (1.0, bottom), (1.55, bottom))
    _arrow(ax, (3.15, bottom), (3.4, bottom))
    _arrow(ax, (5.7, bottom), (6.95, 2.55))

    # backward, online branch
    orange = PALETTE["orange"]
    _arrow(ax, (7.0, 3.7), (5.6, 4.75), colour=orange, width=2.0)
    _arrow(ax, (3.6, 4.95), (3.15, 4.95), colour=orange, width=2.0)
    ax.text(2.35, 5.35, "$\\partial L/\\partial \\theta$", color=orange, fontsize=11, ha="center",
            fontweight="bold")  # fmt: skip
    ax.text(6.6, 4.75, "gradient", color=orange, fontsize=9.5, ha="left", va="bottom")
    # backward, target branch: stopped
    _arrow(ax, (7.0, 2.05), (5.85, 1.2), colour=orange, width=1.6, dashed=True)
    ax.text(6.3, 1.52, "\N{MULTIPLICATION SIGN}", color=PALETTE["red"], fontsize=22, ha="center",
            va="center", fontweight="bold")  # fmt: skip
    ax.text(6.55, 0.55, "no gradient: $y$ is a constant", color=PALETTE["red"], fontsize=9.5,
            ha="left", va="center")  # fmt: skip
    return fig
