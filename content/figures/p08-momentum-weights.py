"""How much each past gradient counts in the momentum velocity, for three betas."""

import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "The velocity $v_t = g_t + \\beta g_{t-1} + \\beta^2 g_{t-2} + \\dots$ weighs the gradient "
    "of $k$ steps ago by $\\beta^k$. **Left:** the weights for $\\beta = 0.5$, $0.9$ and $0.99$; "
    "the dotted lines mark $k = 1/(1-\\beta)$, roughly how far back the optimiser remembers. "
    "**Right:** the sum of the weights after $t$ steps, $(1-\\beta^t)/(1-\\beta)$: for a "
    "constant gradient the PyTorch step grows to $1/(1-\\beta)$ times an SGD step (2, 10 and "
    "100 times); the averaged convention $v \\leftarrow \\beta v + (1-\\beta) g$ multiplies "
    "every weight by $1-\\beta$, so its sum tends to 1."
)
ALT = (
    "Two panels. Left: three decaying curves of weight against steps ago, from 0 to 200: the "
    "0.5 curve drops to nearly 0 within 5 steps, the 0.9 curve within about 40 steps, and the "
    "0.99 curve decays slowly across the whole range; dotted vertical lines at 2, 10 and 100. "
    "Right: on a logarithmic step axis, three curves of the total weight rising from 1 and "
    "levelling off at 2, 10 and 100, with dashed horizontal lines at those values."
)


def draw():
    fig, (left, right) = new_figure(6.4, 3.6, ncols=2)
    k = np.arange(0, 201)
    t = np.arange(1, 2001)
    for beta, colour in (
        (0.5, PALETTE["orange"]),
        (0.9, PALETTE["blue"]),
        (0.99, PALETTE["green"]),
    ):
        left.plot(k, beta**k, color=colour, linewidth=1.8, label=f"$\\beta$ = {beta}")
        left.axvline(1 / (1 - beta), color=colour, linestyle=":", linewidth=1.2)
        right.semilogx(t, (1 - beta**t) / (1 - beta), color=colour, linewidth=1.8)
        right.axhline(1 / (1 - beta), color=colour, linestyle="--", linewidth=0.9)
    left.set_xlabel("steps ago $k$")
    left.set_ylabel("weight $\\beta^k$")
    left.set_title("weight of a past gradient", fontsize=11)
    left.legend(fontsize=9, loc="upper right")
    right.set_xlabel("step $t$ (log scale)")
    right.set_ylabel("total weight")
    right.set_yscale("log")
    right.set_title("sum of the weights", fontsize=11)
    return fig
