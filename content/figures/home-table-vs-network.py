"""From a table to a network: Q-table entries against a Q-network's parameters."""

import numpy as np
from _style import PALETTE, new_figure

BINS = 10  # values per state variable after discretising
ACTIONS = 2  # as in CartPole
HIDDEN = 64  # two hidden layers of 64 units


def table_entries(d):
    """One Q-value per (discretised state, action): BINS**d states times ACTIONS."""
    return float(BINS) ** d * ACTIONS


def network_parameters(d):
    """A d-64-64-ACTIONS ReLU network: weights and biases of its three dense layers."""
    return (d * HIDDEN + HIDDEN) + (HIDDEN * HIDDEN + HIDDEN) + (HIDDEN * ACTIONS + ACTIONS)


CAPTION = (
    f"Numbers to store for a Q-function with {ACTIONS} actions, against the number of state "
    f"variables $d$ (log scale). A table that cuts each variable into {BINS} bins needs "
    f"${ACTIONS} \\cdot {BINS}^d$ entries: {table_entries(4):,.0f} for CartPole's 4 variables, "
    f"${ACTIONS} \\cdot 10^{{8}}$ for 8 (LunarLander has 8). A network with two hidden layers "
    f"of {HIDDEN} units grows by {HIDDEN} weights per variable: {network_parameters(4):,} "
    f"parameters for $d = 4$, {network_parameters(8):,} for $d = 8$. An Atari agent's input, "
    "4 frames of $84 \\times 84$ grey levels, has 28,224 variables with 256 values each: its "
    "table would need a number of entries with about 68,000 digits, while the Nature DQN (4 actions) has "
    "1,686,180 parameters."
)
ALT = (
    "A line chart with a logarithmic vertical axis. The number of Q-table entries rises as a "
    "straight line on the log scale, from 20 at one state variable to 2 times 10 to the 20 at "
    "twenty variables, while the network's parameter count stays almost flat between 4,400 and 5,700. "
    "The curves cross between 3 and 4 variables; CartPole (4) and LunarLander (8) are marked."
)


def draw():
    d = np.arange(1, 21)
    fig, ax = new_figure(6.4, 3.6)
    ax.semilogy(
        d,
        [table_entries(k) for k in d],
        color=PALETTE["orange"],
        marker="o",
        markersize=3.5,
        label=f"Q-table, {BINS} bins per variable",
    )
    ax.semilogy(
        d,
        [network_parameters(k) for k in d],
        color=PALETTE["blue"],
        marker="o",
        markersize=3.5,
        label=f"Q-network, 2 hidden layers of {HIDDEN}",
    )
    for k, name in ((4, "CartPole"), (8, "LunarLander")):
        ax.axvline(k, color=PALETTE["grey"], linewidth=0.8, linestyle="--", zorder=1)
        ax.annotate(
            name,
            (k, 1e15),
            xytext=(4, 0),
            textcoords="offset points",
            color=PALETTE["grey"],
            fontsize=11,
        )
    ax.set_xlabel("number of state variables $d$")
    ax.set_ylabel("numbers to store")
    ax.set_xticks([1, 4, 8, 12, 16, 20])
    ax.set_ylim(10, 1e22)
    ax.legend(loc="upper left")
    return fig
