# %% [markdown]
# # The training loop: experiments and the PyTorch version
#
# This notebook goes beyond the page's exercises. You will
#
# 1. train the spirals network three ways, shuffled, unshuffled and with the labels
#    shuffled apart from their inputs, and compare the curves;
# 2. trade batch size against learning rate and count what each run costs;
# 3. make the initial loss exactly $\ln K$ by shrinking the output layer, and run the
#    overfit-a-tiny-batch check;
# 4. pick the epoch of lowest validation loss on noisier spirals;
# 5. learn from a *stream* of data sorted by class, one step per new sample, with and
#    without a replay buffer: the RL situation in miniature;
# 6. with PyTorch: the same loop with `nn.Sequential`, `F.cross_entropy` and
#    `torch.optim.SGD`, started from the same weights and fed the same batches, reproducing
#    the NumPy curve; then the idiomatic version with a `DataLoader`.
#
# Every cell is self-contained: the helpers below are written out, so the experiments run
# before you have solved anything (swap in your own `minibatches` and `train_mlp` where a
# cell says so). Plots appear when matplotlib is available; every experiment prints its
# numbers too.

# %%
import time

import numpy as np

try:
    import matplotlib.pyplot as plt
except ImportError:  # the numbers below are printed either way
    plt = None


def make_spirals(n, seed=0, noise=0.04):
    """The page's data: two interleaved spirals, n points each; X (2n, 2), y (2n,) in {0, 1}."""
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
    return X + rng.normal(0.0, noise, size=X.shape), y


def init_mlp(layer_sizes, seed=0, out_scale=1.0):
    """He-normal weights, zero biases; out_scale multiplies the last layer's weights."""
    rng = np.random.default_rng(seed)
    params = [
        (rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out)), np.zeros(n_out))
        for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:])
    ]
    W, b = params[-1]
    params[-1] = (W * out_scale, b)
    return params


def mlp_forward(X, params):
    cache, A = [], X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        cache.append((A, Z))
        A = Z if i == len(params) - 1 else np.maximum(Z, 0.0)
    return A, cache


def loss_and_grad(logits, labels):
    """Mean cross-entropy and its gradient with respect to the logits."""
    n = len(labels)
    z = logits - logits.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    grad = np.exp(log_p)
    grad[np.arange(n), labels] -= 1.0
    return float(-np.mean(log_p[np.arange(n), labels])), grad / n


def mlp_backward(dout, cache, params):
    grads, dA = [None] * len(params), dout
    for i in reversed(range(len(params))):
        A_in, Z = cache[i]
        dZ = dA if i == len(params) - 1 else np.where(Z > 0, dA, 0.0)
        grads[i] = (A_in.T @ dZ, dZ.sum(axis=0))
        dA = dZ @ params[i][0].T
    return grads


def sgd_step(params, Xb, yb, lr):
    """One step on a batch: (new params, the batch's loss before the step)."""
    logits, cache = mlp_forward(Xb, params)
    loss, dlogits = loss_and_grad(logits, yb)
    grads = mlp_backward(dlogits, cache, params)
    return [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(params, grads)], loss


def accuracy(params, X, y):
    return float(np.mean(np.argmax(mlp_forward(X, params)[0], axis=1) == y))


def train(X, y, sizes, epochs, batch_size, lr, seed=0, order="shuffled", params=None):
    """The page's loop, with a switch for the two shuffling bugs; returns (params, history)."""
    params = init_mlp(sizes, seed) if params is None else params
    rng = np.random.default_rng(seed)
    N, history = len(X), []
    for _ in range(epochs):
        if order == "stored":
            perm_x = perm_y = np.arange(N)
        elif order == "apart":  # the bug: two different permutations
            perm_x, perm_y = rng.permutation(N), rng.permutation(N)
        else:
            perm_x = perm_y = rng.permutation(N)
        losses = []
        for s in range(0, N, batch_size):
            params, loss = sgd_step(
                params, X[perm_x[s : s + batch_size]], y[perm_y[s : s + batch_size]], lr
            )
            losses.append(loss)
        history.append(float(np.mean(losses)))
    return params, history


X, y = make_spirals(100, seed=0)
print("ready; matplotlib", "available" if plt is not None else "not available (numbers only)")

# %% [markdown]
# ## 1. Shuffled, unshuffled, shuffled apart
#
# The page's budget (layers `[2, 32, 32, 2]`, 150 epochs, batches of 20, lr 0.2), three
# ways of ordering the data. The spirals are stored sorted by class.
#
# **Try:** the stored order with batches of 200 (one batch per epoch). Why does the order
# stop mattering then?

# %%
curves = {}
for order in ("shuffled", "stored", "apart"):
    t0 = time.perf_counter()
    params, history = train(X, y, [2, 32, 32, 2], 150, 20, 0.2, order=order)
    curves[order] = history
    print(
        f"{order:>8}: final loss {history[-1]:.3f}, training accuracy "
        f"{accuracy(params, X, y):.1%}  ({time.perf_counter() - t0:.1f} s)"
    )

if plt is not None:
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    for order, history in curves.items():
        ax.plot(history, label=order)
    ax.axhline(np.log(2), color="black", linestyle="--", linewidth=1, label="ln 2")
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("mean training loss")
    ax.legend()
    plt.show()

# %% [figure] p09-spirals-data

# %% [markdown]
# With this budget the stored order still gets there, only with a higher final loss: every
# epoch alternates five class-0 steps with five class-1 steps, and the tug of war slows it
# down. Shuffling the labels apart is fatal: the loss stays at $\ln 2$ and the accuracy near
# chance, whatever the budget.
#
# ## 2. Batch size, learning rate and cost
#
# Smaller batches give more (noisier) steps per epoch. A common rule of thumb scales the
# learning rate with the batch size. Here every run gets the same number of **epochs**, so
# small batches also get many more steps; the timing shows what a step costs.
#
# **Try:** give every run the same number of *steps* instead (epochs proportional to the
# batch size). Which batch size wins then?

# %%
for batch_size, lr in ((5, 0.05), (20, 0.2), (50, 0.5), (200, 1.0)):
    t0 = time.perf_counter()
    params, history = train(X, y, [2, 32, 32, 2], 150, batch_size, lr)
    steps = 150 * -(-len(X) // batch_size)
    print(
        f"B = {batch_size:>3}, lr = {lr:<4}: {steps:>5} steps, final loss {history[-1]:.3f}, "
        f"accuracy {accuracy(params, X, y):.1%}, {time.perf_counter() - t0:.2f} s"
    )

# %% [figure] p09-loss-curves

# %% [markdown]
# ## 3. The two sanity checks
#
# With He initialization the initial loss is only *about* $\ln 2$ (the page measured a median
# 9 % above it). Scaling the output layer's initial weights by 0.01 makes the logits almost
# 0, so every class gets probability about 1/2 and the loss is $\ln 2$ to three decimals.
# Then the overfit-a-tiny-batch check: 8 points, one batch, 300 steps.

# %%
for scale in (1.0, 0.01):
    losses = [
        loss_and_grad(mlp_forward(X, init_mlp([2, 32, 32, 2], s, scale))[0], y)[0]
        for s in range(10)
    ]
    print(
        f"output layer x{scale:<4}: initial loss over 10 seeds {np.min(losses):.3f} to "
        f"{np.max(losses):.3f}   (ln 2 = {np.log(2):.3f})"
    )

pick = np.random.default_rng(3).permutation(len(y))[:8]
params = init_mlp([2, 32, 32, 2], 1)
tiny = []
for _ in range(300):
    params, loss = sgd_step(params, X[pick], y[pick], 0.2)
    tiny.append(loss)
print(
    f"tiny batch: loss {tiny[0]:.3f} -> {tiny[-1]:.4f}, "
    f"accuracy on the 8 points {accuracy(params, X[pick], y[pick]):.0%}"
)
assert tiny[-1] < 0.05 and accuracy(params, X[pick], y[pick]) == 1.0

# %% [figure] p09-overfit-tiny-batch

# %% [markdown]
# ## 4. Choosing the epoch with a validation set
#
# Noisier spirals, split once into 120 training and 80 validation points. After each
# epoch we score both; the best epoch is the one with the lowest validation loss, and the
# weights of that epoch are the ones to keep (early stopping, page 10).
#
# **Try:** a wider network (`[2, 64, 64, 2]`): does the best validation loss improve, or
# does overfitting start earlier?

# %%
Xn = X + np.random.default_rng(5).normal(0.0, 0.08, size=X.shape)
perm = np.random.default_rng(2).permutation(len(y))
tr, va = perm[:120], perm[120:]
params = init_mlp([2, 32, 32, 2], 0)
shuffle = np.random.default_rng(0)
best = (np.inf, None, None)
val_curve = []
for epoch in range(1, 601):
    order = tr[shuffle.permutation(len(tr))]
    for s in range(0, len(order), 20):
        params, _ = sgd_step(params, Xn[order[s : s + 20]], y[order[s : s + 20]], 0.1)
    val_loss = loss_and_grad(mlp_forward(Xn[va], params)[0], y[va])[0]
    val_curve.append(val_loss)
    if val_loss < best[0]:
        best = (val_loss, epoch, params)
print(f"lowest validation loss {best[0]:.3f} at epoch {best[1]}; at epoch 600: {val_curve[-1]:.3f}")
print(
    f"validation accuracy with the best weights {accuracy(best[2], Xn[va], y[va]):.1%}, "
    f"with the last weights {accuracy(params, Xn[va], y[va]):.1%}"
)

# %% [figure] p09-train-val

# %% [markdown]
# ## 5. Learning from a stream: sequential updates against a replay buffer
#
# An agent does not get a dataset, it gets a stream. Here the stream is the spirals in long
# runs of one class (200 samples of class 0, then 200 of class 1, and so on, like an
# agent that spends a long time in one part of its world). At every new sample the learner
# takes one gradient step:
#
# - **sequential**: on a batch of the 20 most recent samples (what an agent that learns from
#   its latest experience sees);
# - **replay**: the sample goes into a buffer of the last 1000, and the step uses 20 samples
#   drawn uniformly from the buffer, as DQN does.
#
# **Try:** a buffer of 100 instead of 1000. What happens to the replay learner?

# %%
stream_rng = np.random.default_rng(7)
Xs, ys = make_spirals(500, seed=1)
runs = [np.flatnonzero(ys == k) for k in (0, 1)]
order = np.concatenate(
    [stream_rng.permutation(runs[(i % 2)])[:200] for i in range(10)]
)  # 2000 steps, alternating blocks of one class
results = {}
for mode in ("sequential", "replay"):
    params = init_mlp([2, 32, 32, 2], 0)
    rng = np.random.default_rng(0)
    buffer = []
    acc_curve = []
    for t, i in enumerate(order):
        buffer.append(i)
        buffer = buffer[-1000:]
        if mode == "sequential":
            idx = np.array(buffer[-20:])
        else:
            idx = np.array(buffer)[rng.integers(0, len(buffer), size=20)]
        params, _ = sgd_step(params, Xs[idx], ys[idx], 0.1)
        if t % 100 == 99:
            acc_curve.append(accuracy(params, X, y))
    results[mode] = acc_curve
    print(
        f"{mode:>10}: accuracy on the page's spirals every 100 steps:",
        " ".join(f"{a:.2f}" for a in acc_curve),
    )

# %% [markdown]
# The sequential learner swings with the stream: after each block of one class it predicts
# that class almost everywhere (an accuracy near 0.5), and it forgets what the previous block
# taught. The replay learner sees both classes in almost every batch once the buffer holds
# both, so it keeps improving. That is the correlation problem of RL, and the replay buffer's
# answer to it.

# %% [figure] p09-decision-boundary

# %% [markdown]
# ## 6. The same loop in PyTorch
#
# The cells below need PyTorch. First the exact replica: an `nn.Sequential` with the same
# layers, its weights copied from `init_mlp` (transposed: `nn.Linear.weight` is
# `(n_out, n_in)`), float64, the same batches in the same order (the permutations come from
# the same NumPy generator), `F.cross_entropy` (which takes logits and integer labels, like
# ours) and `torch.optim.SGD` with the same learning rate. Autograd replaces `mlp_backward`;
# `optimizer.step()` replaces the update line. The two curves must agree to rounding.

# %% [torch]
import torch  # noqa: E402 - a notebook cell imports what it needs
import torch.nn.functional as F  # noqa: E402
from torch import nn  # noqa: E402

torch.set_num_threads(1)  # matrices of 20 x 32: extra threads only add overhead


def torch_copy(params):
    layers = []
    for i, (W, b) in enumerate(params):
        lin = nn.Linear(*W.shape).double()
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(W.T.copy()))
            lin.bias.copy_(torch.from_numpy(b))
        layers.append(lin)
        if i < len(params) - 1:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


sizes, epochs, batch_size, lr = [2, 32, 32, 2], 150, 20, 0.2
model = torch_copy(init_mlp(sizes, 0))
optimizer = torch.optim.SGD(model.parameters(), lr=lr)
Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
rng = np.random.default_rng(0)  # the same permutations as the NumPy run
torch_history = []
t0 = time.perf_counter()
for _ in range(epochs):
    perm = torch.from_numpy(rng.permutation(len(X)))
    losses = []
    for s in range(0, len(X), batch_size):
        idx = perm[s : s + batch_size]
        loss = F.cross_entropy(model(Xt[idx]), yt[idx])  # mean over the batch
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    torch_history.append(float(np.mean(losses)))
torch_time = time.perf_counter() - t0

numpy_params, numpy_history = train(X, y, sizes, epochs, batch_size, lr)
gap = max(abs(a - b) for a, b in zip(numpy_history, torch_history))
with torch.no_grad():
    torch_acc = float((model(Xt).argmax(dim=1) == yt).double().mean())
print(f"PyTorch: final loss {torch_history[-1]:.4f}, accuracy {torch_acc:.1%}, {torch_time:.1f} s")
print(f"NumPy:   final loss {numpy_history[-1]:.4f}, accuracy {accuracy(numpy_params, X, y):.1%}")
print(f"largest difference between the two histories over 150 epochs: {gap:.2e}")
assert gap < 1e-6

if plt is not None:
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    ax.plot(numpy_history, linewidth=3, alpha=0.5, label="NumPy train")
    ax.plot(torch_history, linestyle="--", label="PyTorch, same weights and batches")
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("mean training loss")
    ax.legend()
    plt.show()

# %% [markdown]
# ### The idiomatic version: `TensorDataset`, `DataLoader`, default initialisation
#
# In practice nobody copies weights in: `nn.Linear` initialises itself (Kaiming-uniform
# with a smaller scale than He-normal, so the initial loss is closer to $\ln 2$), and a
# `DataLoader` with `shuffle=True` draws a new permutation every epoch from its generator;
# `drop_last=False` (the default) keeps the last, smaller batch, as our `minibatches` does.
# The batches and the initial weights differ from ours, so the curve is another run of the
# same process, not a copy: it may sit longer on the plateau the page's loss curves show,
# and end at a different point of it after 150 epochs. `model.eval()` and `torch.no_grad()` mark the evaluation, which needs no
# graph.
#
# **Try:** 300 epochs instead of 150. And `drop_last=True` with `batch_size=32` (200 is
# not a multiple of 32): how many samples does each epoch skip?

# %% [torch]
torch.manual_seed(0)
model = nn.Sequential(
    nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 2)
).double()
loader = torch.utils.data.DataLoader(
    torch.utils.data.TensorDataset(Xt, yt),
    batch_size=20,
    shuffle=True,
    generator=torch.Generator().manual_seed(0),
)
optimizer = torch.optim.SGD(model.parameters(), lr=0.2)
with torch.no_grad():
    print(f"initial loss with PyTorch's default init: {F.cross_entropy(model(Xt), yt).item():.3f}")
loader_history = []
for _ in range(150):
    model.train()
    losses = []
    for Xb, yb in loader:
        loss = F.cross_entropy(model(Xb), yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    loader_history.append(float(np.mean(losses)))
model.eval()
with torch.no_grad():
    acc = float((model(Xt).argmax(dim=1) == yt).double().mean())
print(f"batches per epoch: {len(loader)}; final loss {loader_history[-1]:.4f}; accuracy {acc:.1%}")

if plt is not None:
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    ax.plot(numpy_history, label="NumPy train (page budget)")
    ax.plot(loader_history, label="PyTorch DataLoader, default init")
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("mean training loss")
    ax.legend()
    plt.show()
