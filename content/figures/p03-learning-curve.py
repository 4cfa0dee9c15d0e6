"""One sigmoid neuron learning to copy a teacher by gradient descent: boundary and loss."""

import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "The sigmoid neuron of this section learning by gradient descent. Left: for each of the "
    "200 states, the teacher's action (orange ticks at 0 and 1, against the teacher's score "
    "$x_1 + 0.5\\,x_2$) and the neuron's probability of pushing right after 1, 10 and 300 "
    "steps. The boundary is nearly in place after one step; the later steps make the "
    "neuron confident, its sigmoid steeper. Right: the cross-entropy loss at every step; it "
    "starts at $\\ln 2$ (a coin flip) and falls fast, then slowly, as the weights keep growing."
)
ALT = (
    "Left: orange ticks at height 0 for negative teacher scores and at height 1 for positive "
    "ones; three S-shaped bands of dots for the neuron's probabilities, from light blue "
    "(step 1, a gentle slope) to dark blue (step 300, almost a step at score 0). Right: the loss against the step "
    "number from 0 to 300, falling from 0.69 to about 0.1 within 50 steps and to 0.05 by "
    "step 300."
)


def draw():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(200, 2))
    y = (X[:, 0] + 0.5 * X[:, 1] > 0).astype(float)
    w, b, lr = np.zeros(2), 0.0, 2.0
    losses, snaps = [], {}
    for step in range(301):
        p = 1.0 / (1.0 + np.exp(-(X @ w + b)))
        losses.append(float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))))
        if step in (1, 10, 300):
            snaps[step] = (w.copy(), b)
        g = (p - y) / len(y)
        w, b = w - lr * X.T @ g, b - lr * g.sum()

    fig, (ax0, ax1) = new_figure(6.6, 3.4, ncols=2)
    score = X[:, 0] + 0.5 * X[:, 1]  # the teacher pushes right when this is positive
    order = np.argsort(score)
    ax0.scatter(score, y, s=18, color=PALETTE["orange"], marker="|", label="teacher")
    for step, shade in zip((1, 10, 300), ("#9ec5e8", "#3d7fc0", "#0b2f5c")):
        (w1, w2), c = snaps[step]
        p = 1.0 / (1.0 + np.exp(-(X[order] @ np.array([w1, w2]) + c)))
        ax0.scatter(score[order], p, s=7, color=shade, label=f"step {step}", zorder=3)
    ax0.set(xlabel="teacher's score $x_1 + 0.5\\,x_2$", ylabel="P(push right)")
    ax0.legend(fontsize=9, loc="upper left")
    ax1.plot(np.arange(len(losses)), losses, color=PALETTE["blue"], lw=2)
    ax1.axhline(np.log(2), color=PALETTE["grey"], linestyle=":", lw=1)
    ax1.text(300, np.log(2) + 0.02, "ln 2", ha="right", va="bottom", fontsize=10)
    ax1.set(xlabel="gradient step", ylabel="cross-entropy loss", ylim=(0, 0.8))
    return fig
