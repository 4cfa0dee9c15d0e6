"""The Heaviside step with the course's tie rule, next to a neuron's sums on 0/1 inputs."""

import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "Left: the step $H(z)$ of this course, 0 for $z < 0$ and 1 for $z \\ge 0$; the filled "
    "dot says that a sum of exactly zero fires. Right: the AND neuron with "
    "$\\mathbf{w} = (1, 1)$ on the four 0/1 inputs. With $b = -2$ the input $(1, 1)$ lands "
    "exactly on the tie and fires only because of the tie rule; with $b = -1.5$ every sum "
    "stays half a unit away from zero and the gate works under any tie convention."
)
ALT = (
    "Two panels. Left: a step function that is 0 for negative z and 1 for z at least 0, with "
    "an open circle at (0, 0) and a filled circle at (0, 1). Right: the sums of the AND "
    "neuron for the inputs (0,0), (0,1), (1,0), (1,1) shown as markers on a number line for "
    "two biases, -2 and -1.5, with the zero line marked; for bias -2 the last sum sits "
    "exactly on zero."
)


def draw():
    fig, (left, right) = new_figure(6.4, 3.2, ncols=2)
    left.plot([-3, 0], [0, 0], color=PALETTE["blue"], linewidth=2.5)
    left.plot([0, 3], [1, 1], color=PALETTE["blue"], linewidth=2.5)
    left.scatter(
        [0], [0], s=70, facecolors="white", edgecolors=PALETTE["blue"], linewidths=2, zorder=3
    )
    left.scatter([0], [1], s=70, color=PALETTE["blue"], zorder=3)
    left.set_xlim(-3, 3)
    left.set_ylim(-0.25, 1.25)
    left.set_yticks([0, 1])
    left.set_xlabel("weighted sum $z$")
    left.set_title("$H(z)$: a tie fires", fontsize=11)

    inputs = [(0, 0), (0, 1), (1, 0), (1, 1)]
    for row, (b, colour) in enumerate(((-2.0, PALETTE["red"]), (-1.5, PALETTE["green"]))):
        sums = np.array([x1 + x2 + b for x1, x2 in inputs])
        fired = sums >= 0
        right.scatter(
            sums[~fired],
            [row] * int((~fired).sum()),
            s=60,
            marker="o",
            facecolors="white",
            edgecolors=colour,
            linewidths=2,
            zorder=3,
        )
        right.scatter(
            sums[fired], [row] * int(fired.sum()), s=60, marker="o", color=colour, zorder=3
        )
        right.text(-2.35, row + 0.18, f"b = {b:g}", fontsize=10, color=colour)
    right.axvline(0.0, color="black", linewidth=1.2)
    right.text(0.05, 1.45, "tie", fontsize=10)
    right.set_xlim(-2.4, 0.9)
    right.set_ylim(-0.6, 1.7)
    right.set_yticks([])
    right.set_xlabel("sum $z$ for each 0/1 input")
    right.set_title("AND: filled = fires", fontsize=11)
    return fig
