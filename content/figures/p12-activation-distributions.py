"""Pre-activation distributions layer by layer in a deep MLP, without and with batch norm."""

import numpy as np
from _style import PALETTE, new_figure

LAYERS, WIDTH, N = 6, 64, 1000

CAPTION = (
    "The pre-activations $z_\\ell$ of every layer of a freshly initialised 6-layer ReLU "
    "network (64 units per layer, weights with standard deviation $1/\\sqrt{n_\\text{in}}$), "
    "on a batch of 1000 inputs whose features have mean 2 and standard deviation 1, like raw "
    "unnormalised observations. Each violin is the distribution of all $1000 \\times 64$ "
    "values of one layer. **Without batch norm** (left) the distribution changes from layer "
    "to layer: it starts wide (the inputs' mean of 2 adds to their spread) and narrows by about $1/\\sqrt 2$ per layer, so "
    "every layer sees inputs of a different scale, and the scale changes again whenever the "
    "layers below it change during training. **With batch norm** before each ReLU (right, "
    "training mode, $\\gamma = 1$, $\\beta = 0$) every layer's input has mean 0 and "
    "variance 1, whatever happens below it."
)
ALT = (
    "Two panels of violin plots, layers 1 to 6 on the horizontal axis and the pre-activation "
    "value from -6 to 6 on the vertical axis. In the left panel, without batch norm, layer 1 "
    "is wide, and the violins get narrower layer by layer until layer "
    "6 is a thin sliver. In the right panel, with batch norm, all six violins have the same "
    "width and are centred at zero."
)


def _pre_activations(batch_norm, seed=0):
    rng = np.random.default_rng(seed)
    a = rng.normal(2.0, 1.0, (N, 16))
    out = []
    for _ in range(LAYERS):
        W = rng.normal(0.0, 1.0 / np.sqrt(a.shape[1]), (a.shape[1], WIDTH))
        z = a @ W
        if batch_norm:
            z = (z - z.mean(axis=0)) / np.sqrt(z.var(axis=0) + 1e-5)
        out.append(z.ravel())
        a = np.maximum(z, 0.0)
    return out


def draw():
    fig, axes = new_figure(6.4, 3.8, ncols=2, sharey=True)
    panels = [(False, "without batch norm", PALETTE["orange"]),
              (True, "with batch norm", PALETTE["blue"])]  # fmt: skip
    for ax, (bn, title, colour) in zip(axes, panels):
        parts = ax.violinplot(_pre_activations(bn), positions=range(1, LAYERS + 1),
                              widths=0.8, showextrema=False, showmedians=True)  # fmt: skip
        for body in parts["bodies"]:
            body.set_facecolor(colour)
            body.set_edgecolor(colour)
            body.set_alpha(0.55)
        parts["cmedians"].set_color("#222222")
        ax.axhline(0.0, color="#9aa3ad", linewidth=0.8, zorder=0)
        ax.set_title(title, fontsize=11)
        ax.set_xticks(range(1, LAYERS + 1))
        ax.set_xlabel("layer")
        ax.set_ylim(-6, 6)
    axes[0].set_ylabel("pre-activation $z_\\ell$")
    return fig
