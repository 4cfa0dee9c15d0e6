"""Gradient norms through a deep plain MLP and a residual one, by NumPy backprop at initialisation."""

import numpy as np
from _style import PALETTE, new_figure

BLOCKS, WIDTH, N = 20, 64, 256

CAPTION = (
    "The size of the gradient $\\|\\partial L/\\partial h_k\\|$ arriving at the input of each "
    "block $k$ of a freshly initialised network of 20 blocks (40 dense layers of 64 ReLU "
    "units, a linear output, a mean squared error on 256 random inputs), computed by "
    "backpropagation in NumPy. A *plain* block is two dense + ReLU layers; a *residual* block "
    "is the same two layers with the input added back before the last ReLU, "
    "$\\operatorname{relu}(h + F(h))$. With the weight scale of PyTorch's default `nn.Linear` "
    "initialisation (std $1/\\sqrt{3n}$) the plain network's gradient shrinks by a constant "
    "factor per layer and reaches block 1 about $10^{-17}$ in size, while the residual network "
    "with the very same weights keeps it at one size through all 20 blocks: the identity path "
    "adds $I$ to every block's Jacobian. He initialisation rescues the plain network at "
    "initialisation; with He-initialised branches the residual network instead grows its "
    "signal and its gradient block by block, one reason ResNets keep their branches small "
    "(batch norm, or a zero-initialised last layer)."
)
ALT = (
    "A line plot of gradient size on a logarithmic axis from 1e-17 to 1e6 against block "
    "index 1 to 20. The plain network with default initialisation falls in a straight line "
    "from a few times 1e-4 at block 20 to about 1e-17 at block 1. The plain network with He "
    "initialisation and the residual network with default initialisation are both flat, "
    "near 0.3 and 0.1. A dashed residual network with He initialisation rises from about "
    "4e3 at block 20 to about 1e6 at block 1."
)


def _gradient_sizes(residual, std, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((N, WIDTH))
    y = rng.standard_normal((N, 1))
    layers = [
        (rng.normal(0.0, std, (WIDTH, WIDTH)), rng.normal(0.0, std, (WIDTH, WIDTH)))
        for _ in range(BLOCKS)
    ]
    W_out = rng.normal(0.0, std, (WIDTH, 1))
    cache, h = [], X
    for W1, W2 in layers:  # forward, keeping what the backward pass reads
        z1 = h @ W1
        s = np.maximum(z1, 0.0) @ W2 + (h if residual else 0.0)
        cache.append((z1, s))
        h = np.maximum(s, 0.0)
    dh = (2.0 * (h @ W_out - y) / N) @ W_out.T
    sizes = []
    for (z1, s), (W1, W2) in zip(reversed(cache), reversed(layers)):
        ds = dh * (s > 0)  # through the block's last ReLU
        dz1 = (ds @ W2.T) * (z1 > 0)  # through the branch
        dh = dz1 @ W1.T + (ds if residual else 0.0)  # the skip adds ds unchanged
        sizes.append(float(np.linalg.norm(dh)))
    return sizes[::-1]


def draw():
    default, he = 1.0 / np.sqrt(3 * WIDTH), np.sqrt(2.0 / WIDTH)
    blocks = np.arange(1, BLOCKS + 1)
    fig, ax = new_figure(6.4, 4.0)
    runs = [
        ("plain, default init", False, default, PALETTE["orange"], "s", "-"),
        ("plain, He init", False, he, PALETTE["green"], "^", "-"),
        ("residual, default init", True, default, PALETTE["blue"], "o", "-"),
        ("residual, He init", True, he, PALETTE["grey"], "d", "--"),
    ]
    for label, residual, std, colour, marker, style in runs:
        ax.semilogy(blocks, _gradient_sizes(residual, std), style, marker=marker, color=colour,
                    linewidth=1.8, markersize=4, label=label)  # fmt: skip
    ax.set_xticks([1, 5, 10, 15, 20])
    ax.set_xlabel("block (1 = next to the input, 20 = next to the output)")
    ax.set_ylabel("$\\|\\partial L / \\partial h_k\\|$")
    ax.grid(True, which="major", color="#e3e6ea", linewidth=0.8)
    ax.legend(fontsize=9, loc="lower right", framealpha=0.95)
    return fig
