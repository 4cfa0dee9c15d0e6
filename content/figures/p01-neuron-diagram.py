"""A biological neuron's parts beside the artificial neuron that borrows them."""

import matplotlib.patches as mpatches
import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "Left: a sketch of a biological neuron. Signals from other neurons arrive at synapses on "
    "the **dendrites**, add up in the **cell body**, and if the voltage at the start of the "
    "**axon** reaches the threshold, a spike travels down the axon to the next neurons. "
    "Right: the artificial neuron keeps that skeleton. Each input $x_i$ is scaled by its "
    "weight $w_i$ (the synapse), the products and the bias $b$ are summed into "
    "$z = \\mathbf{w} \\cdot \\mathbf{x} + b$ (the cell body), and an activation, here the "
    "step $H(z)$, decides the output (the spike)."
)
ALT = (
    "Two panels. Left: a cartoon neuron with branching dendrites on the left ending in small "
    "synapse dots, a round cell body, and a long axon to the right ending in terminals, each "
    "part labelled. Right: a diagram with three input circles x1, x2, x3 connected by arrows "
    "labelled w1, w2, w3 to a circle with a summation sign, a bias b entering it from above, "
    "an arrow to a box with a step function, and an arrow to the output y."
)


def _bio(ax):
    soma = (0.0, 0.0)
    ax.add_patch(mpatches.Circle(soma, 0.55, color=PALETTE["shade"], ec="black", lw=1.5, zorder=2))
    ax.add_patch(mpatches.Circle(soma, 0.18, color=PALETTE["grey"], alpha=0.5, zorder=3))
    rng = np.random.default_rng(4)
    for angle in np.radians([120, 150, 180, 210, 240]):
        start = np.array([np.cos(angle), np.sin(angle)]) * 0.5
        end = start + np.array([np.cos(angle), np.sin(angle)]) * 0.8
        ax.plot(*zip(start, end), color="black", lw=1.6, zorder=1)
        for sub in (-0.35, 0.35):
            a2 = angle + sub + rng.uniform(-0.1, 0.1)
            tip = end + np.array([np.cos(a2), np.sin(a2)]) * 0.45
            ax.plot(*zip(end, tip), color="black", lw=1.1, zorder=1)
            ax.scatter(*tip, s=28, color=PALETTE["blue"], zorder=3)
    ax.plot([0.55, 3.3], [0.0, 0.0], color="black", lw=2.2, zorder=1)
    for k in range(5):
        ax.add_patch(
            mpatches.FancyBboxPatch(
                (0.9 + 0.48 * k, -0.11),
                0.36,
                0.22,
                boxstyle="round,pad=0.02",
                color=PALETTE["grey"],
                alpha=0.35,
            )
        )
    for dy in (-0.45, 0.0, 0.45):
        ax.plot([3.3, 3.8], [0.0, dy], color="black", lw=1.2)
        ax.scatter(3.8, dy, s=30, color=PALETTE["orange"], zorder=3)
    ax.text(-1.3, 1.75, "dendrites", fontsize=10, ha="center")
    ax.text(-1.1, -2.0, "synapses (inputs)", fontsize=10, ha="center", color=PALETTE["blue"])
    ax.text(1.05, -0.85, "cell body\n(sums)", fontsize=10, ha="center")
    ax.text(1.95, 0.3, "axon", fontsize=10, ha="center")
    ax.text(3.75, -1.05, "spike out", fontsize=10, ha="center", color=PALETTE["orange"])
    ax.set_xlim(-2.9, 4.2)
    ax.set_ylim(-2.2, 1.9)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("biological neuron", fontsize=11)


def _artificial(ax):
    ys = [1.3, 0.0, -1.3]
    sigma = np.array([2.2, 0.0])
    for i, y in enumerate(ys, start=1):
        ax.add_patch(mpatches.Circle((0.0, y), 0.36, color="white", ec=PALETTE["blue"], lw=1.6))
        ax.text(0.0, y, f"$x_{i}$", ha="center", va="center", fontsize=12)
        start = np.array([0.36, y])
        d = sigma - start
        end = sigma - d / np.linalg.norm(d) * 0.48
        ax.annotate("", xy=end, xytext=start, arrowprops={"arrowstyle": "-|>", "lw": 1.3})
        mid = start + 0.45 * (end - start)
        ax.text(mid[0], mid[1] + 0.2, f"$w_{i}$", fontsize=12, ha="center", color=PALETTE["blue"])
    ax.add_patch(mpatches.Circle(sigma, 0.48, color=PALETTE["shade"], ec="black", lw=1.5))
    ax.text(*sigma, "$\\Sigma$", ha="center", va="center", fontsize=16)
    ax.annotate("", xy=(2.2, 0.48), xytext=(2.2, 1.45), arrowprops={"arrowstyle": "-|>", "lw": 1.3})
    ax.text(2.2, 1.6, "$b$", ha="center", fontsize=12)
    ax.annotate("", xy=(3.55, 0.0), xytext=(2.68, 0.0), arrowprops={"arrowstyle": "-|>", "lw": 1.3})
    ax.text(3.1, 0.18, "$z$", ha="center", fontsize=12)
    ax.add_patch(
        mpatches.FancyBboxPatch(
            (3.55, -0.45), 0.9, 0.9, boxstyle="round,pad=0.03", color="white", ec="black", lw=1.5
        )
    )
    ax.plot([3.68, 4.0, 4.0, 4.32], [-0.25, -0.25, 0.25, 0.25], color=PALETTE["red"], lw=1.8)
    ax.text(4.0, -0.75, "$H(z)$", ha="center", fontsize=11)
    ax.annotate("", xy=(5.25, 0.0), xytext=(4.5, 0.0), arrowprops={"arrowstyle": "-|>", "lw": 1.3})
    ax.text(5.45, 0.0, "$y$", va="center", fontsize=13)
    ax.text(2.6, -1.75, "$y = H(\\mathbf{w}\\cdot\\mathbf{x} + b)$", ha="center", fontsize=12)
    ax.set_xlim(-0.6, 5.8)
    ax.set_ylim(-2.1, 1.9)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("artificial neuron", fontsize=11)


def draw():
    fig, (left, right) = new_figure(6.4, 3.2, ncols=2)
    _bio(left)
    _artificial(right)
    return fig
