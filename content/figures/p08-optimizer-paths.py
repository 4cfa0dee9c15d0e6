"""SGD, momentum and Adam on an ill-conditioned quadratic and on a curved valley."""

import numpy as np
from _p08_optim import quad, quad_grad, run, valley, valley_grad
from _style import PALETTE, new_figure

CAPTION = (
    "Three optimisers from the same start (black dot). **Left:** the quadratic "
    "$\\tfrac12(x^2 + 50y^2)$, 30 steps each. SGD ($\\eta = 0.038$, just under the stability "
    "limit $2/50$) zigzags across the steep direction and creeps along the flat one; "
    "momentum (the same $\\eta$, $\\beta = 0.7$) damps the zigzag and builds up speed along "
    "the valley floor; Adam ($\\eta = 0.2$) divides each coordinate's gradient by its own "
    "scale, so it first heads diagonally and then approaches in steps of about $\\eta$. "
    "**Right:** the curved valley $(1-x)^2 + 10(y - x^2)^2$ (a gentle Rosenbrock function, "
    "minimum at the star), 200 steps each: SGD ($\\eta = 0.01$, the most the steep walls "
    "allow at the start) stalls on the flat valley floor, momentum ($\\eta = 0.002$, "
    "$\\beta = 0.9$) and Adam ($\\eta = 0.05$) follow the bend most of the way. The large dots mark where each path ends."
)
ALT = (
    "Two contour plots side by side. Left: elongated elliptical contours, wide in x and narrow "
    "in y, minimum at the origin. An orange SGD path zigzags up and down across the narrow "
    "direction while slowly moving right; a blue momentum path swings in wider, smoother "
    "arcs and ends closest to the centre; a green Adam path moves diagonally at first and then "
    "curves in to the minimum from above. Right: banana-shaped contours of a curved valley; all three "
    "paths drop into the valley from the upper left and follow it towards the star at (1, 1), "
    "all on nearly the same route; the orange SGD path ends near the bottom of the bend, the blue and green paths end most of the way up towards the star."
)

STYLE = {
    "sgd": ("SGD", PALETTE["orange"]),
    "momentum": ("momentum", PALETTE["blue"]),
    "adam": ("Adam", PALETTE["green"]),
}


def _panel(ax, f, grad, start, settings, steps, extent, levels, star):
    xs = np.linspace(extent[0], extent[1], 300)
    ys = np.linspace(extent[2], extent[3], 300)
    X, Y = np.meshgrid(xs, ys)
    ax.contour(X, Y, f(X, Y), levels=levels, colors="#b8c0c8", linewidths=0.7)
    for kind, kwargs in settings:
        label, colour = STYLE[kind]
        path = run(grad, start, kind, steps=steps, **kwargs)
        ax.plot(
            path[:, 0], path[:, 1], "-o", color=colour, markersize=2.2, linewidth=1.1, label=label
        )
        ax.plot(*path[-1], "o", color=colour, markersize=8, markeredgecolor="white", zorder=5)
    ax.plot(*start, "o", color="black", markersize=6)
    ax.plot(*star, "*", color=PALETTE["red"], markersize=13, zorder=6)
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_xlabel("$x$")


def draw():
    fig, (left, right) = new_figure(6.4, 3.6, ncols=2)
    _panel(
        left,
        quad,
        quad_grad,
        (-4.5, 1.0),
        [("sgd", {"lr": 0.038}), ("momentum", {"lr": 0.038, "beta": 0.7}), ("adam", {"lr": 0.2})],
        30,
        (-5.0, 1.0, -1.6, 1.6),
        np.geomspace(0.05, 40, 10),
        (0.0, 0.0),
    )
    left.set_ylabel("$y$")
    left.set_title("ill-conditioned bowl", fontsize=11)
    _panel(
        right,
        valley,
        valley_grad,
        (-1.5, 2.0),
        [("sgd", {"lr": 0.01}), ("momentum", {"lr": 0.002, "beta": 0.9}), ("adam", {"lr": 0.05})],
        200,
        (-2.0, 1.6, -0.6, 3.0),
        np.geomspace(0.05, 60, 10),
        (1.0, 1.0),
    )
    right.set_title("curved valley", fontsize=11)
    left.legend(fontsize=9, loc="lower left")
    return fig
