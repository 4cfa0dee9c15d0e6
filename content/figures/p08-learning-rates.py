"""Learning rate too small, good and too large: a 1-D quadratic and a small network."""

import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "**Left:** gradient descent on $L(\\theta) = 2\\theta^2$ (curvature $4$) from $\\theta_0 = 1$. "
    "Each step multiplies $\\theta$ by $1 - 4\\eta$: with $\\eta = 0.05$ it creeps ($0.8$ per step), "
    "$\\eta = 0.25 = 1/4$ lands on the minimum in one step, $\\eta = 0.45$ overshoots and "
    "oscillates with a shrinking amplitude ($-0.8$ per step), and $\\eta = 0.55$, above the "
    "limit $2/4$, oscillates with a growing one ($-1.2$ per step). **Right:** the mean squared "
    "error of a 1-32-1 tanh network fitting $\\sin x$ on 64 points, full-batch gradient "
    "descent from the same initial weights. $\\eta = 0.002$ is slow, $\\eta = 0.05$ is fast, and "
    "$\\eta = 0.12$ blows up within a few steps (the cross marks the last loss below "
    "$10^4$). For a network the limit is set by the steepest direction of its loss, and "
    "crossing it is just as abrupt: between $0.08$ and $0.1$ the loss first jumps up, then recovers."
)
ALT = (
    "Two panels. Left: theta against step number for four learning rates; the 0.05 curve "
    "decays slowly from 1, the 0.25 curve drops to 0 at the first step, the 0.45 curve "
    "alternates in sign with shrinking size, and the 0.55 curve alternates in sign with "
    "growing size. Right: training loss on a log scale against step number for three learning "
    "rates; 0.002 decreases slowly, 0.05 drops quickly below the others, and 0.12 shoots up "
    "and leaves the plot after a few steps, ending in a cross."
)


def _train(lr, steps=300, seed=0):
    """Full-batch gradient descent for a 1-32-1 tanh network on sin(x); the loss per step."""
    rng = np.random.default_rng(seed)
    x = np.linspace(-3.0, 3.0, 64)[:, None]
    y = np.sin(x)
    W1, b1 = rng.normal(0.0, 1.0, (1, 32)), np.zeros(32)
    W2, b2 = rng.normal(0.0, np.sqrt(1 / 32), (32, 1)), np.zeros(1)
    losses = []
    for _ in range(steps):
        h = np.tanh(x @ W1 + b1)  # (64, 32)
        r = h @ W2 + b2 - y  # (64, 1)
        loss = float(np.mean(r**2))
        losses.append(loss)
        if loss > 1e4:
            break
        d = 2 * r / len(x)
        dz = (d @ W2.T) * (1 - h**2)
        W2, b2 = W2 - lr * (h.T @ d), b2 - lr * d.sum(0)
        W1, b1 = W1 - lr * (x.T @ dz), b1 - lr * dz.sum(0)
    return np.array(losses)


def draw():
    fig, (left, right) = new_figure(6.4, 3.6, ncols=2)
    steps = np.arange(0, 13)
    colours = [PALETTE["grey"], PALETTE["green"], PALETTE["blue"], PALETTE["red"]]
    for lr, colour in zip([0.05, 0.25, 0.45, 0.55], colours):
        theta = (1 - 4 * lr) ** steps
        left.plot(
            steps, theta, "-o", color=colour, markersize=3, linewidth=1.3, label=f"$\\eta$ = {lr}"
        )
    left.axhline(0.0, color="#9aa3ad", linewidth=0.8, zorder=1)
    left.set_ylim(-3.5, 3.5)
    left.set_xlabel("step")
    left.set_ylabel("$\\theta$")
    left.set_title("$L(\\theta) = 2\\theta^2$", fontsize=11)
    left.legend(fontsize=9, loc="lower left", ncol=2)

    for lr, colour, label in [
        (0.002, PALETTE["grey"], "0.002 (too small)"),
        (0.05, PALETTE["green"], "0.05 (good)"),
        (0.12, PALETTE["red"], "0.12 (too large)"),
    ]:
        losses = _train(lr)
        shown = losses[losses < 1e4]
        right.plot(
            np.arange(len(shown)), shown, color=colour, linewidth=1.6, label=f"$\\eta$ = {label}"
        )
        if len(shown) < len(losses):
            right.plot(
                len(shown) - 1, shown[-1], "x", color=colour, markersize=9, markeredgewidth=2
            )
    right.set_yscale("log")
    right.set_ylim(5e-3, 1e5)
    right.set_xlabel("step")
    right.set_ylabel("training loss (MSE)")
    right.set_title("a small network", fontsize=11)
    right.legend(fontsize=9, loc="upper right")
    return fig
