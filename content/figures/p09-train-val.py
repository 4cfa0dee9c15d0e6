"""Training and validation loss on noisier spirals: where overfitting starts."""

import numpy as np
from _p09_spirals import forward, init, loss_grad, spirals, step
from _style import PALETTE, new_figure

CAPTION = (
    "Noisier spirals (each point moved by extra Gaussian noise of standard deviation 0.08), "
    "split once at random into 120 training and 80 validation points; the network trains "
    "on the 120 only (batches of 20, lr 0.1), and after every epoch both sets are scored. "
    "The training loss (blue) keeps falling towards 0; the validation loss (orange) falls "
    "with it at first, reaches its minimum (dotted line) and then creeps up again: from "
    "there on the network fits the noise of its 120 points rather than the spirals, and "
    "grows more confident about the validation points it gets wrong. Validation accuracy "
    "(right) stalls below the training accuracy. The validation curve, not the training "
    "curve, says when to stop (page 10: early stopping)."
)
ALT = (
    "Two panels over 900 epochs. Left: the training loss in blue falls from about 0.7 to "
    "near 0.05; the validation loss in orange falls to a minimum and then rises again, with "
    "a dotted vertical line at the minimum. Right: training accuracy in blue climbs to "
    "nearly 100 percent while validation accuracy in orange levels off lower."
)


def draw():
    X, y = spirals(100, seed=0)
    X = X + np.random.default_rng(5).normal(0.0, 0.08, size=X.shape)
    perm = np.random.default_rng(2).permutation(len(y))
    tr, va = perm[:120], perm[120:]
    params = init([2, 32, 32, 2], 0)
    shuffle = np.random.default_rng(0)
    curves = {"train loss": [], "val loss": [], "train acc": [], "val acc": []}
    for _ in range(900):
        order = tr[shuffle.permutation(len(tr))]
        for start in range(0, len(order), 20):
            idx = order[start : start + 20]
            params, _ = step(params, X[idx], y[idx], 0.1)
        for name, idx in (("train", tr), ("val", va)):
            logits = forward(X[idx], params)[0]
            curves[f"{name} loss"].append(loss_grad(logits, y[idx])[0])
            curves[f"{name} acc"].append(np.mean(np.argmax(logits, axis=1) == y[idx]))
    epochs = np.arange(1, 901)
    best = int(np.argmin(curves["val loss"])) + 1
    fig, (left, right) = new_figure(6.4, 3.4, ncols=2)
    left.plot(epochs, curves["train loss"], color=PALETTE["blue"], label="training")
    left.plot(epochs, curves["val loss"], color=PALETTE["orange"], label="validation")
    right.plot(epochs, curves["train acc"], color=PALETTE["blue"], label="training")
    right.plot(epochs, curves["val acc"], color=PALETTE["orange"], label="validation")
    for ax, where in ((left, "lower left"), (right, "lower right")):
        ax.axvline(best, color="black", linestyle=":", linewidth=1.2)
        ax.set_xlabel("epoch")
        ax.legend(fontsize=9, loc=where)
    left.set_ylabel("mean loss")
    left.set_title(f"lowest validation loss: epoch {best}", fontsize=11)
    right.set_ylabel("accuracy")
    right.set_ylim(0.4, 1.02)
    right.set_title("accuracy", fontsize=11)
    return fig
