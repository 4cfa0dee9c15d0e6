"""The overfit-a-tiny-batch check: a correct loop memorises 8 points, a broken one cannot."""

import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "The sanity check to run before any long training: take 8 samples of the spirals and "
    "train on them alone, one batch of 8, for 200 steps. A correct loop (blue) starts near "
    "$\\ln 2 \\approx 0.693$ (dashed), the loss of a network that gives each class "
    "probability 1/2, and drives the loss towards 0: 8 points are easy to memorise, so "
    "100 % training accuracy must follow. The orange run has a classic bug: its labels are "
    "shuffled with a different permutation than its inputs at every step, so there is "
    "nothing to learn and the loss hovers around $\\ln 2$. The grey run has another: "
    "the update adds the gradient instead of subtracting it (here with a smaller step), and "
    "the loss climbs."
)
ALT = (
    "A line plot over 200 steps with a logarithmic loss axis and a dashed line at 0.693. "
    "A blue curve starts near the dashed line and falls steadily to about 0.01. An orange "
    "curve wobbles around the dashed line. A grey curve starts there and rises to the top "
    "of the plot."
)


def _spirals(n, seed=0):
    """The page's make_spirals: two interleaved arms of n points, labels 0 and 1."""
    rng = np.random.default_rng(seed)
    t = (np.arange(n) + 0.5) / n
    radius = 0.1 + 0.9 * t
    X = np.empty((2 * n, 2))
    y = np.empty(2 * n, dtype=np.int64)
    for k in range(2):
        angle = 3.0 * np.pi * t + k * np.pi
        X[k * n : (k + 1) * n, 0] = radius * np.cos(angle)
        X[k * n : (k + 1) * n, 1] = radius * np.sin(angle)
        y[k * n : (k + 1) * n] = k
    return X + rng.normal(0.0, 0.04, size=X.shape), y


def _init(sizes, seed):
    rng = np.random.default_rng(seed)
    return [
        (rng.normal(0.0, np.sqrt(2.0 / a), size=(a, b)), np.zeros(b))
        for a, b in zip(sizes[:-1], sizes[1:])
    ]


def _forward(X, params):
    cache, A = [], X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        cache.append((A, Z))
        A = Z if i == len(params) - 1 else np.maximum(Z, 0.0)
    return A, cache


def _loss_grad(logits, y):
    z = logits - logits.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    grad = np.exp(log_p)
    grad[np.arange(len(y)), y] -= 1.0
    return float(-np.mean(log_p[np.arange(len(y)), y])), grad / len(y)


def _step(params, Xb, yb, lr):
    """One SGD step on a batch; returns (new params, the batch's loss before the step)."""
    logits, cache = _forward(Xb, params)
    loss, dA = _loss_grad(logits, yb)
    grads = [None] * len(params)
    for i in reversed(range(len(params))):
        A_in, Z = cache[i]
        dZ = dA if i == len(params) - 1 else np.where(Z > 0, dA, 0.0)
        grads[i] = (A_in.T @ dZ, dZ.sum(axis=0))
        dA = dZ @ params[i][0].T
    return [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(params, grads)], loss


def draw():
    X, y = _spirals(100, seed=0)
    pick = np.random.default_rng(3).permutation(len(y))[:8]
    Xs, ys = X[pick], y[pick]
    runs = {"correct loop": ("ok", PALETTE["blue"]),
            "bug: labels shuffled apart": ("apart", PALETTE["orange"]),
            "bug: + instead of - in the update": ("ascent", PALETTE["grey"])}  # fmt: skip
    fig, ax = new_figure(6.4, 3.6)
    for label, (kind, colour) in runs.items():
        params = _init([2, 32, 32, 2], 1)
        rng = np.random.default_rng(1)
        losses = []
        for _ in range(200):
            yb = ys[rng.permutation(8)] if kind == "apart" else ys
            lr = -0.05 if kind == "ascent" else 0.2
            with np.errstate(all="ignore"):
                params, loss = _step(params, Xs, yb, lr)
            losses.append(min(loss, 10.0) if np.isfinite(loss) else 10.0)
        ax.plot(np.arange(1, 201), losses, color=colour, linewidth=1.8, label=label)
    ax.axhline(np.log(2.0), color="black", linestyle="--", linewidth=1, label="ln 2")
    ax.set_yscale("log")
    ax.set_ylim(1e-3, 10.0)
    ax.set_xlabel("step (one batch of the same 8 samples)")
    ax.set_ylabel("loss of the batch")
    ax.legend(fontsize=9, loc="lower left")
    return fig
