"""Reading loss curves: four learning rates, and the noise of per-step losses."""

import numpy as np
from _p09_spirals import init, spirals, step
from _style import PALETTE, new_figure

CAPTION = (
    "Left: the mean loss per epoch on the spirals for four learning rates, same network, "
    "batches and seed. At $\\text{lr} = 0.02$ (too low) the loss falls at first, then "
    "creeps along a plateau near 0.65, the loss of a network that has learned only the "
    "easy part; 0.2 sits on that plateau for about 50 epochs too, then drops steadily; 1.0 "
    "learns fast but the curve jumps up and down; 3.0 (too high) never gets below "
    "$\\ln 2$ (dashed), the loss of a coin flip. Right: the same 0.2 run step by step: "
    "the loss of each batch of 20 (light) scatters widely around the epoch means (dark), "
    "because each batch is a small random sample. That noise is normal; read the trend."
)
ALT = (
    "Two panels with a logarithmic loss axis. Left: four curves over 150 epochs; the "
    "lr 0.02 curve flattens near 0.65, the lr 0.2 curve is flat near 0.65 until about epoch "
    "50 and then falls to about 0.03, the lr 1.0 curve falls fast with large spikes, and "
    "the lr 3.0 curve stays near or above the dashed line at 0.69. Right: a noisy light "
    "blue band of 1500 per-step losses with a dark blue line of epoch means running through it."
)


def _run(X, y, lr, epochs=150, batch=20, seed=0):
    params = init([2, 32, 32, 2], seed)
    rng = np.random.default_rng(seed)
    steps, means = [], []
    for _ in range(epochs):
        order = rng.permutation(len(y))
        losses = []
        for start in range(0, len(y), batch):
            idx = order[start : start + batch]
            params, loss = step(params, X[idx], y[idx], lr)
            losses.append(loss)
        steps += losses
        means.append(np.mean(losses))
    return np.array(steps), np.array(means)


def draw():
    X, y = spirals(100, seed=0)
    fig, (left, right) = new_figure(6.4, 3.6, ncols=2, sharey=True)
    epochs = np.arange(1, 151)
    colours = {0.02: PALETTE["grey"], 0.2: PALETTE["blue"], 1.0: PALETTE["green"],
               3.0: PALETTE["red"]}  # fmt: skip
    good_steps = good_means = None
    for lr, colour in colours.items():
        steps, means = _run(X, y, lr)
        means = np.minimum(means, 5.0)
        left.plot(epochs, means, color=colour, linewidth=1.6, label=f"lr = {lr:g}")
        if lr == 0.2:
            good_steps, good_means = steps, means
    for ax in (left, right):
        ax.axhline(np.log(2.0), color="black", linestyle="--", linewidth=1)
        ax.set_yscale("log")
        ax.set_xlabel("epoch")
    left.set_ylim(0.01, 5.0)
    left.set_ylabel("mean training loss")
    left.legend(fontsize=9, loc="lower left")
    left.set_title("too low, right, noisy, too high", fontsize=11)
    step_epochs = np.arange(1, len(good_steps) + 1) / 10.0  # 10 steps per epoch
    right.plot(step_epochs, good_steps, color=PALETTE["blue"], alpha=0.3, linewidth=0.6,
               label="each batch")  # fmt: skip
    right.plot(epochs, good_means, color=PALETTE["blue"], linewidth=1.8, label="epoch mean")
    right.legend(fontsize=9, loc="lower left")
    right.set_title("lr = 0.2, every step", fontsize=11)
    return fig
