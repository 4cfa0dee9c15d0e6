"""Training and validation loss of a small MLP on 14 points: no regulariser, weight decay, dropout."""

import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "A 1-48-48-1 ReLU network trained with Adam (full batch, learning rate 0.01) on 14 noisy "
    "samples of $\\sin(3x)$, validated on 300 fresh ones; both losses are measured with the "
    "network in evaluation mode. **No regulariser:** the training loss keeps falling while "
    "the validation loss reaches its minimum early and then climbs as the network memorises "
    "the noise. Early stopping with a patience of 200 epochs stops at the dotted line and "
    "restores the weights of the best epoch (circle). **Weight decay** (decoupled, "
    "$\\lambda = 1$, weights only) stops the climb: the validation loss settles near its "
    "early-stopping value, however long the run. **Dropout** ($p = 0.5$ after each hidden "
    "layer) makes training noisy and slow, and ends with the lowest validation loss of the "
    "three. The grey line is the noise variance $0.3^2$, the floor for any model."
)
ALT = (
    "Three panels of loss against epoch, 0 to 1500, each with a solid training curve and a "
    "dashed validation curve. In the first, without regularisation, the training loss falls "
    "far below the grey noise line while the validation loss bottoms out near epoch 200 and "
    "then rises steeply past 0.5; a circle marks the best validation epoch and a dotted "
    "vertical line the early-stopping point 200 epochs later. In the second, with weight "
    "decay, the validation loss levels off at about 0.16 and stays there. In the third, with "
    "dropout, both curves are noisy and fall slowly, the validation loss ending near 0.14."
)

HIDDEN, EPOCHS, LR, EVERY = 48, 1500, 1e-2, 10


def _data():
    rng = np.random.default_rng(10)
    x = rng.uniform(-1, 1, size=(14, 1))
    y = np.sin(3 * x) + rng.normal(scale=0.3, size=x.shape)
    xv = rng.uniform(-1, 1, size=(300, 1))
    yv = np.sin(3 * xv) + rng.normal(scale=0.3, size=xv.shape)
    return x, y, xv, yv


def _forward(X, params, p=0.0, rng=None):
    cache, A = [], X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        if i == len(params) - 1:
            cache.append((A, Z, None))
            return Z, cache
        H = np.maximum(Z, 0.0)
        mask = None
        if p > 0.0 and rng is not None:  # training mode: inverted dropout
            mask = (rng.random(H.shape) >= p) / (1.0 - p)
            H = H * mask
        cache.append((A, Z, mask))
        A = H


def _backward(dout, cache, params):
    grads = [None] * len(params)
    for i in reversed(range(len(params))):
        A, Z, mask = cache[i]
        if i < len(params) - 1:
            if mask is not None:
                dout = dout * mask
            dout = dout * (Z > 0)
        grads[i] = [A.T @ dout, dout.sum(axis=0)]
        dout = dout @ params[i][0].T
    return grads


def _train(weight_decay=0.0, p=0.0):
    x, y, xv, yv = _data()
    rng = np.random.default_rng(0)
    sizes = [1, HIDDEN, HIDDEN, 1]
    params = [
        [rng.normal(scale=np.sqrt(2 / a), size=(a, b)), np.zeros(b)]
        for a, b in zip(sizes[:-1], sizes[1:])
    ]
    m = [[np.zeros_like(a) for a in layer] for layer in params]
    v = [[np.zeros_like(a) for a in layer] for layer in params]
    train, val = [], []
    for t in range(1, EPOCHS + 1):
        out, cache = _forward(x, params, p, rng)
        grads = _backward(2 * (out - y) / len(x), cache, params)
        for layer, glayer, ml, vl in zip(params, grads, m, v):
            for k in range(2):
                g = glayer[k]
                ml[k] = 0.9 * ml[k] + 0.1 * g
                vl[k] = 0.999 * vl[k] + 0.001 * g * g
                if k == 0 and weight_decay:  # AdamW: decay the weights, never the biases
                    layer[k] = layer[k] * (1 - LR * weight_decay)
                step = (ml[k] / (1 - 0.9**t)) / (np.sqrt(vl[k] / (1 - 0.999**t)) + 1e-8)
                layer[k] = layer[k] - LR * step
        if t % EVERY == 0:
            train.append(float(np.mean((_forward(x, params)[0] - y) ** 2)))
            val.append(float(np.mean((_forward(xv, params)[0] - yv) ** 2)))
    return np.arange(EVERY, EPOCHS + 1, EVERY), np.array(train), np.array(val)


def _early_stop(val, patience):
    """(best index, stop index) of the EarlyStopping rule, or (best, None) if it never stops."""
    best, best_i, bad = np.inf, None, 0
    for i, loss in enumerate(val):
        if loss < best:
            best, best_i, bad = loss, i, 0
        else:
            bad += 1
        if bad >= patience:
            return best_i, i
    return best_i, None


def draw():
    runs = [
        ("no regulariser", {}),
        ("weight decay", {"weight_decay": 1.0}),
        ("dropout", {"p": 0.5}),
    ]
    fig, axes = new_figure(6.4, 3.6, ncols=3, sharey=True)
    for ax, (title, kwargs) in zip(axes, runs):
        epochs, train, val = _train(**kwargs)
        ax.axhline(0.09, color=PALETTE["grey"], linewidth=1.0)
        ax.plot(epochs, train, color=PALETTE["blue"], linewidth=1.8, label="training")
        ax.plot(epochs, val, "--", color=PALETTE["orange"], linewidth=1.8, label="validation")
        if not kwargs:
            best, stop = _early_stop(val, patience=200 // EVERY)
            ax.plot(epochs[best], val[best], "o", color=PALETTE["orange"], markersize=7,
                    markerfacecolor="white", markeredgewidth=2)  # fmt: skip
            if stop is not None:
                ax.axvline(epochs[stop], color="black", linestyle=":", linewidth=1.4)
        ax.set_title(title, fontsize=11)
        ax.set_xlabel("epoch")
        ax.set_xticks([0, 500, 1000, 1500])
        ax.tick_params(axis="x", labelsize=9)
    axes[0].set_ylabel("mean squared error")
    axes[0].set_ylim(0.0, 0.5)
    axes[1].legend(fontsize=9, loc="upper right")
    return fig
