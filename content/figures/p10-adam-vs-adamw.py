"""How much weight decay two parameters feel under Adam with L2 in the gradient and under AdamW."""

import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "Two parameters start at 1 and receive loss gradients that are pure noise, of size 10 for "
    "the first (solid) and 0.01 for the second (dashed); weight decay $\\lambda = 0.1$, "
    "learning rate $10^{-3}$. **Adam with L2 in the gradient** (orange): the decay term "
    "$\\lambda\\theta$ is divided by $\\sqrt{\\hat v}$ like everything else, so the parameter "
    "with large gradients hardly decays at all, while for the one with tiny gradients the decay "
    "term *is* the gradient, Adam normalises it to steps of nearly the full learning rate, and "
    "it is driven to 0 about ten times faster than $\\lambda$ asks. **AdamW** (blue): the decay "
    "$\\theta \\leftarrow (1 - \\eta\\lambda)\\theta$ is applied outside Adam's normalisation, "
    "so both follow the same exponential decay (grey)."
)
ALT = (
    "A plot of parameter value against step, 0 to 3000. Two orange curves: a solid one stays "
    "near 1, a dashed one falls steeply and reaches 0 near step 2500. Two blue "
    "curves, solid and dashed, both decrease slowly and smoothly to about 0.75, on top of a "
    "grey exponential curve."
)

STEPS, LR, WD = 3000, 1e-3, 0.1


def _run(decoupled):
    rng = np.random.default_rng(0)
    theta = np.array([1.0, 1.0])
    m, v = np.zeros(2), np.zeros(2)
    noise = np.array([10.0, 0.01])
    path = [theta.copy()]
    for t in range(1, STEPS + 1):
        g = noise * rng.standard_normal(2)
        if decoupled:
            theta = theta * (1 - LR * WD)
        else:
            g = g + WD * theta
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        theta = theta - LR * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
        path.append(theta.copy())
    return np.array(path)


def draw():
    steps = np.arange(STEPS + 1)
    fig, ax = new_figure(6.4, 3.6)
    ax.plot(
        steps, (1 - LR * WD) ** steps, color="#b8c0c8", linewidth=5, label="$(1 - \\eta\\lambda)^t$"
    )
    for decoupled, colour, name in (
        (False, PALETTE["orange"], "Adam + L2"),
        (True, PALETTE["blue"], "AdamW"),
    ):
        path = _run(decoupled)
        ax.plot(steps, path[:, 0], color=colour, linewidth=1.8, label=f"{name}, large gradients")
        ax.plot(
            steps, path[:, 1], "--", color=colour, linewidth=1.8, label=f"{name}, small gradients"
        )
    ax.set_xlabel("step")
    ax.set_ylabel("parameter value")
    ax.set_ylim(-0.6, 1.15)  # room under the curves for the legend
    ax.set_yticks([0.0, 0.2, 0.4, 0.6, 0.8, 1.0])
    ax.legend(fontsize=9, loc="lower left", ncol=2)
    return fig
