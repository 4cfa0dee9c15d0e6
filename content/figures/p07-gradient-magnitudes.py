"""Gradient magnitudes layer by layer in a deep MLP: ReLU with He init against two bad set-ups."""

import numpy as np
from _style import PALETTE, new_figure

DEPTH, WIDTH, N, D = 10, 64, 256, 8

CAPTION = (
    "The size of each layer's weight gradient $\\partial L / \\partial W_\\ell$ (root mean "
    "square of its entries, log scale) in a freshly initialised MLP with 10 hidden layers of "
    "64 units, a linear output and a mean squared error on a batch of 256 random inputs. "
    "Layer 1 is next to the input, layer 11 is the output. With **ReLU and He "
    "initialisation** the gradients stay within a small factor of each other at every depth. "
    "With **sigmoid** units the backward pass multiplies by $\\sigma'(z) \\le 0.25$ at every "
    "layer, and the gradient reaching layer 1 is about $10^{-8}$: the *vanishing gradient*; "
    "those layers barely learn. **tanh** ($\\tanh'(0) = 1$) keeps a steady size, but a "
    "smaller one than ReLU with He initialisation."
)
ALT = (
    "A line plot with the layer index 1 to 11 on the horizontal axis and the gradient size on "
    "a logarithmic vertical axis from 1e-8 to 1. The line for ReLU with He initialisation is "
    "nearly flat around 0.1, rising to about 2 at the output layer. The line for tanh is flat "
    "around 0.007. The line for sigmoid units falls steadily from about 0.3 at the output "
    "layer to about 5e-9 at layer 1, more than seven orders of magnitude."
)


def _grad_sizes(act, scale, seed=0):
    rng = np.random.default_rng(seed)
    sizes = [D] + [WIDTH] * DEPTH + [1]
    params = [
        (rng.normal(0.0, scale(n_in), size=(n_in, n_out)), np.zeros(n_out))
        for n_in, n_out in zip(sizes[:-1], sizes[1:])
    ]
    X = rng.standard_normal((N, D))
    y = rng.standard_normal((N, 1))
    cache, A = [], X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        cache.append((A, Z))
        A = Z if i == len(params) - 1 else act(Z)[0]
    dA = 2 * (A - y) / A.size
    sizes_out = []
    for i in reversed(range(len(params))):
        A_in, Z = cache[i]
        dZ = dA if i == len(params) - 1 else dA * act(Z)[1]
        dW = A_in.T @ dZ
        sizes_out.append(float(np.sqrt(np.mean(dW**2))))
        dA = dZ @ params[i][0].T
    return sizes_out[::-1]


def _relu(z):
    return np.maximum(z, 0.0), (z > 0).astype(float)


def _tanh(z):
    t = np.tanh(z)
    return t, 1.0 - t**2


def _sigmoid(z):
    s = 1.0 / (1.0 + np.exp(-z))
    return s, s * (1.0 - s)


def draw():
    layers = np.arange(1, DEPTH + 2)
    runs = [
        ("ReLU, He init", _relu, lambda n: np.sqrt(2.0 / n), PALETTE["blue"], "o"),
        (
            "sigmoid, std $1/\\sqrt{n}$",
            _sigmoid,
            lambda n: np.sqrt(1.0 / n),
            PALETTE["orange"],
            "s",
        ),
        ("tanh, std $1/\\sqrt{n}$", _tanh, lambda n: np.sqrt(1.0 / n), PALETTE["green"], "^"),
    ]
    fig, ax = new_figure(6.4, 3.6)
    for label, act, scale, colour, marker in runs:
        ax.semilogy(layers, _grad_sizes(act, scale), marker=marker, color=colour, linewidth=1.8,
                    markersize=5, label=label)  # fmt: skip
    ax.set_xticks(layers)
    ax.set_xlabel("layer (1 = next to the input, 11 = output)")
    ax.set_ylabel("size of $\\partial L/\\partial W_\\ell$")
    ax.grid(True, which="major", color="#e3e6ea", linewidth=0.8)
    ax.legend(fontsize=9, loc="lower right")
    return fig
