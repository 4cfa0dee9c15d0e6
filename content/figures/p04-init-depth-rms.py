"""RMS of the activations layer by layer in a deep ReLU network, for three weight scales."""

import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "The size (root mean square) of the activations after each layer of a 30-layer ReLU "
    "network of width 256, fed 500 standard-normal inputs, for three ways of drawing the "
    "weights. With std $0.01$ every layer multiplies the signal by about $0.11$, and it is "
    "about $10^{-28}$ at layer 30; Xavier's $\\sigma^2 = 2/(n_{\\text{in}} + n_{\\text{out}})$, "
    "which is $1/n$ for these square layers (right for tanh, not for ReLU), loses a factor "
    "$\\sqrt{2}$ per layer; He's $\\sigma^2 = 2/n$ keeps it near 1 at "
    "every depth. Gradients travel back through the same matrices and shrink the same way."
)
ALT = (
    "A line plot with a logarithmic vertical axis: the RMS of the activations against the "
    "layer number from 1 to 30. The std 0.01 line falls steeply in a straight line to about "
    "1e-28 at layer 30. The Xavier line falls slowly to about 1e-5. The He line stays "
    "flat near 1."
)


def _rms_curve(X, depth, std, rng):
    A, out = X, []
    for _ in range(depth):
        W = rng.normal(0.0, std, size=(A.shape[1], A.shape[1]))
        A = np.maximum(A @ W, 0.0)
        out.append(float(np.sqrt(np.mean(A**2))))
    return np.array(out)


def draw():
    n, depth = 256, 30
    rng = np.random.default_rng(0)
    X = rng.standard_normal((500, n))
    layers = np.arange(1, depth + 1)
    fig, ax = new_figure(6.4, 3.6)
    for label, std, colour in (
        ("std 0.01", 0.01, PALETTE["red"]),
        ("Xavier, $\\sigma^2 = 1/n$", np.sqrt(1.0 / n), PALETTE["orange"]),
        ("He, $\\sigma^2 = 2/n$", np.sqrt(2.0 / n), PALETTE["blue"]),
    ):
        ax.semilogy(layers, _rms_curve(X, depth, std, rng), color=colour, lw=2.2, label=label)
    ax.axhline(1.0, color="#9aa3ad", linewidth=0.8, zorder=0)
    ax.set_xlabel("layer")
    ax.set_ylabel("RMS of the activations")
    ax.set_xlim(1, depth)
    ax.legend(loc="lower left", fontsize=10)
    return fig
