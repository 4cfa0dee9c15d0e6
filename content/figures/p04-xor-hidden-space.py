"""XOR in the input plane and in the hidden plane of a small trained tanh network."""

import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "XOR before and after a hidden layer. Left: the four inputs in the $(x_1, x_2)$ plane; no "
    "single line separates the two classes. The two dashed lines are where the two hidden "
    "units of a small **trained** `2 -> 2 -> 1` network (tanh hidden units, sigmoid output, "
    "trained by gradient descent on the four points) switch sign. Right: the same four points "
    "at the hidden units' outputs $(h_1, h_2)$. The hidden layer has moved them so that one "
    "line (the output unit's boundary, solid) separates the classes. Your `xor_network` "
    "exercise builds the same idea with step units; its weights are yours to find."
)
ALT = (
    "Two square plots. Left: axes x1 and x2 from -0.5 to 1.5 with four points at the corners "
    "of the unit square, (0, 1) and (1, 0) drawn as orange triangles (XOR = 1), (0, 0) and "
    "(1, 1) as blue circles (XOR = 0); two parallel dashed lines of slope 1 cut the square so "
    "that the two circles lie between them and the triangles outside. Right: axes h1 and h2 from -1 to 1 with the same four "
    "points after the hidden layer: the two circles land on one spot near (1, -1), the two "
    "triangles near (1, 1) and (-1, -1), and a solid line separates the circles from the "
    "triangles."
)

X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y = np.array([0.0, 1.0, 1.0, 0.0])


def _train(seed=0, steps=4000, lr=0.5):
    """Full-batch gradient descent on the mean cross-entropy of a 2-2-1 tanh/sigmoid net."""
    rng = np.random.default_rng(seed)
    W1, b1 = rng.normal(0.0, 1.0, size=(2, 2)), np.zeros(2)
    W2, b2 = rng.normal(0.0, 1.0, size=2), 0.0
    for _ in range(steps):
        H = np.tanh(X @ W1 + b1)  # (4, 2)
        p = 1.0 / (1.0 + np.exp(-(H @ W2 + b2)))  # (4,)
        d = (p - Y) / len(Y)  # d loss / d logit
        dH = np.outer(d, W2) * (1.0 - H**2)
        W2, b2 = W2 - lr * H.T @ d, b2 - lr * d.sum()
        W1, b1 = W1 - lr * X.T @ dH, b1 - lr * dH.sum(axis=0)
    return W1, b1, W2, b2


def _points(ax, P):
    for k, (x, y) in enumerate(P):
        on = Y[k] == 1
        ax.scatter(
            [x],
            [y],
            s=120,
            marker="^" if on else "o",
            color=PALETTE["orange"] if on else PALETTE["blue"],
            edgecolor="black",
            linewidth=0.6,
            zorder=4,
        )


def draw():
    W1, b1, W2, b2 = _train()
    fig, (ax0, ax1) = new_figure(6.6, 3.5, ncols=2)
    xs = np.linspace(-0.5, 1.5, 200)
    for j in range(2):  # hidden unit j changes sign where x @ W1[:, j] + b1[j] = 0
        w, c = W1[:, j], b1[j]
        ax0.plot(xs, -(w[0] * xs + c) / w[1], "--", color=PALETTE["grey"], lw=1.5)
        ys = -(w[0] * xs + c) / w[1]
        inside = np.flatnonzero((ys < 1.3) & (ys > -0.45) & (xs < 1.2))
        k = int(inside[np.argmax(ys[inside])])  # the highest point of the line in the frame
        ax0.text(
            xs[k] + 0.08,
            ys[k],
            f"$h_{j + 1} = 0$",
            fontsize=10,
            ha="left",
            va="center",
            color=PALETTE["grey"],
        )
    _points(ax0, X)
    ax0.set(xlim=(-0.5, 1.5), ylim=(-0.5, 1.5), xlabel="$x_1$", ylabel="$x_2$")
    ax0.set_title("input space", fontsize=11)
    ax0.set_aspect("equal")

    H = np.tanh(X @ W1 + b1)
    hs = np.linspace(-1.25, 1.25, 200)
    ax1.plot(hs, -(W2[0] * hs + b2) / W2[1], color=PALETTE["green"], lw=2)
    ax1.text(0.3, -0.15, "output\nboundary", color=PALETTE["green"], fontsize=10, ha="right")
    _points(ax1, H)
    ax1.set(xlim=(-1.25, 1.25), ylim=(-1.25, 1.25), xlabel="$h_1$", ylabel="$h_2$")
    ax1.set_title("hidden space", fontsize=11)
    ax1.set_aspect("equal")
    return fig
