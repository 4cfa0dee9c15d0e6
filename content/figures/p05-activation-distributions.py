"""Histograms of the pre-activations of each layer of a random ReLU network, two weight scales."""

import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "The pre-activations $Z_\\ell$ of 2000 CartPole-like states in the four hidden layers of "
    "a random ReLU network of width 64 with zero biases. **Top:** He initialization "
    "($\\sigma = \\sqrt{2/n_{\\text{in}}}$): the distribution keeps its width from layer to "
    "layer. **Bottom:** weights with $\\sigma = 0.1$: each layer multiplies the spread by "
    "about $0.1\\sqrt{64/2} \\approx 0.57$, and by layer 4 the signal has almost vanished. "
    "In both rows the distributions are centred at 0, so the ReLU sets about half of every "
    "layer's outputs to exactly 0 (the shaded side); the std of each panel is printed in it "
    "(the few values beyond $\\pm 3.5$ lie outside the plot)."
)
ALT = (
    "Two rows of four histograms, one per hidden layer. In the top row, for He "
    "initialization, all four histograms are bell-shaped around 0 with about the same width, "
    "standard deviation between about 0.8 and 1.05. In the bottom row, for weights with "
    "standard deviation 0.1, the histograms get narrower from layer to layer, from a standard "
    "deviation of about 0.12 in layer 1 to a thin spike at 0 (0.03) in layer 4. The negative half of "
    "each panel is shaded to show where the ReLU outputs 0."
)

SIZES = [4, 64, 64, 64, 64]


def _preactivations(weight_std, seed=5):
    """Z of every hidden layer for one random network; weight_std(n_in) gives the scale."""
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((2000, 4)) * np.array([1.0, 0.5, 0.1, 0.5])
    out = []
    for n_in, n_out in zip(SIZES[:-1], SIZES[1:]):
        W = rng.normal(0.0, weight_std(n_in), size=(n_in, n_out))
        Z = A @ W
        out.append(Z.ravel())
        A = np.maximum(Z, 0.0)
    return out


def draw():
    rows = [
        ("He: $\\sigma = \\sqrt{2/n_{in}}$", lambda n: np.sqrt(2.0 / n), PALETTE["blue"]),
        ("$\\sigma = 0.1$", lambda n: 0.1, PALETTE["orange"]),
    ]
    fig, axes = new_figure(6.4, 4.2, nrows=2, ncols=4, sharex=True)
    bins = np.linspace(-3.5, 3.5, 57)
    for r, (label, std_fn, colour) in enumerate(rows):
        for j, Z in enumerate(_preactivations(std_fn)):
            ax = axes[r, j]
            ax.axvspan(-3.5, 0.0, color="#eef0f2", linewidth=0, zorder=0)
            ax.hist(Z, bins=bins, density=True, color=colour, alpha=0.85)
            ax.set_yticks([])
            ax.grid(False)
            ax.set_xlim(-3.5, 3.5)
            ax.set_xticks([-3, 0, 3])
            ax.text(
                0.97,
                0.95,
                f"std\n{Z.std():.2f}",
                transform=ax.transAxes,
                ha="right",
                va="top",
                fontsize=9,
            )
            if r == 0:
                ax.set_title(f"layer {j + 1}", fontsize=11)
            if j == 0:
                ax.set_ylabel(label, fontsize=10)
            if r == 1:
                ax.set_xlabel("$Z$", fontsize=11)
    return fig
