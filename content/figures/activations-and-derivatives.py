"""Sigmoid, tanh, ReLU and leaky ReLU (left) next to their derivatives (right)."""

import numpy as np
from _style import PALETTE, new_figure, zero_lines

CAPTION = (
    "The four activations of this page (left) and their derivatives (right). "
    "The sigmoid's slope never exceeds $0.25$ and tanh's never exceeds $1$, and both fade "
    "to $0$ away from the origin; ReLU's slope is exactly $1$ for $z > 0$ and $0$ for "
    "$z < 0$, and leaky ReLU keeps a small slope $\\alpha$ on the left "
    "(drawn with $\\alpha = 0.1$ so that it is visible; $0.01$ is common)."
)
ALT = (
    "Two line plots over z from -4 to 4. Left: sigmoid rises from 0 to 1 through 0.5 at "
    "z = 0; tanh rises from -1 to 1 through 0; ReLU is 0 for negative z and then the line "
    "z; leaky ReLU is the same but slightly below zero on the left. Right: the sigmoid's "
    "derivative is a bump of height 0.25 at z = 0, tanh's a narrower bump of height 1, "
    "ReLU's a step from 0 to 1 at z = 0, and leaky ReLU's a step from 0.1 to 1."
)

ALPHA = 0.1


def draw():
    z = np.linspace(-4.0, 4.0, 801)
    sig = 1.0 / (1.0 + np.exp(-z))
    left, right = z < 0, z > 0
    curves = [
        ("sigmoid", PALETTE["blue"], "-", sig, sig * (1.0 - sig)),
        ("tanh", PALETTE["orange"], "-", np.tanh(z), 1.0 - np.tanh(z) ** 2),
        ("ReLU", PALETTE["green"], "-", np.maximum(z, 0.0), np.where(z > 0, 1.0, 0.0)),
        (
            f"leaky ReLU ($\\alpha = {ALPHA}$)",
            PALETTE["purple"],
            "--",
            np.where(z > 0, z, ALPHA * z),
            np.where(z > 0, 1.0, ALPHA),
        ),
    ]
    fig, (ax_f, ax_d) = new_figure(6.4, 3.6, ncols=2, sharex=True)
    for label, color, style, f, d in curves:
        ax_f.plot(z, f, color=color, linestyle=style, label=label)
        # The step derivatives jump at 0: draw each side separately, no vertical line.
        for side in (left, right):
            ax_d.plot(z[side], d[side], color=color, linestyle=style)
    for ax, title in ((ax_f, "activation $f(z)$"), (ax_d, "derivative $f'(z)$")):
        zero_lines(ax)
        ax.set_title(title)
        ax.set_xlabel("$z$")
        ax.set_xlim(-4, 4)
        ax.set_xticks([-4, -2, 0, 2, 4])
    ax_f.set_ylim(-1.2, 2.2)
    ax_d.set_ylim(-0.05, 1.12)
    ax_d.set_yticks([0, 0.25, 0.5, 0.75, 1])
    fig.legend(loc="outside lower center", ncols=2)
    return fig
