# %% [markdown]
# # Regularisation: experiments and the PyTorch version
#
# This notebook goes beyond the page's exercises. You will
#
# 1. watch the generalisation gap of the degree-11 polynomial close as the data set grows, and
#    see the prior's $\lambda = \sigma^2 / (N\tau^2)$ shrink with it;
# 2. choose $\lambda$ on a validation set and report it once on a test set;
# 3. measure the mean and the variance of inverted dropout against the formulas;
# 4. train a small NumPy MLP with no regulariser, weight decay, dropout and early stopping
#    (restoring the best weights), and compare the validation losses;
# 5. with PyTorch: switch `nn.Dropout` between `model.train()` and `model.eval()` and see what
#    forgetting `eval()` does to an agent's Q-values; check that `torch.optim.SGD`'s
#    `weight_decay` is exactly the L2 gradient, with parameter groups that spare the biases;
#    replay the Adam-versus-AdamW experiment with the real optimisers; and train a network
#    with dropout, AdamW and early stopping in an ordinary PyTorch loop.
#
# The cells do not need your exercise solutions: they define their own versions, named
# `np_dropout`, `np_l2_penalty` and `NpEarlyStopping` so that they do not overwrite yours.
# Where a cell says **Try**, swap in your `dropout_forward`, `l2_penalty` or `EarlyStopping`.

# %%
import copy
import math

import numpy as np

try:
    import matplotlib.pyplot as plt
except ImportError:  # the numbers below are printed either way
    plt = None


def np_dropout(X, p, rng, train=True):
    """Inverted dropout; returns (out, mask), or (X, None) at evaluation."""
    if not train:
        return X, None
    mask = (rng.random(np.shape(X)) >= p) / (1.0 - p)
    return X * mask, mask


def np_l2_penalty(params, weight_decay):
    """0.5 * wd * sum of squared weights (ndim >= 2) and its gradient for every array."""
    penalty = 0.5 * weight_decay * sum(float(np.sum(p * p)) for p in params if p.ndim >= 2)
    return penalty, [weight_decay * p if p.ndim >= 2 else np.zeros_like(p) for p in params]


class NpEarlyStopping:
    """Stop after `patience` calls in a row without val_loss < best - min_delta."""

    def __init__(self, patience, min_delta=0.0):
        self.patience, self.min_delta = patience, min_delta
        self.best, self.best_epoch, self.calls, self.bad = math.inf, None, 0, 0

    def step(self, val_loss):
        if val_loss < self.best - self.min_delta:
            self.best, self.best_epoch, self.bad = val_loss, self.calls, 0
        else:
            self.bad += 1
        self.calls += 1
        return self.bad >= self.patience


def features(x, degree):
    return np.vander(x, degree + 1, increasing=True)


def ridge_fit(x, y, degree, lam):
    """Least squares plus lam * (w_1^2 + ... + w_d^2); the constant w_0 is not penalised."""
    A = np.vstack([features(x, degree), np.sqrt(lam) * np.eye(degree + 1)[1:]])
    return np.linalg.lstsq(A, np.concatenate([y, np.zeros(degree)]), rcond=None)[0]


def mse(w, x, y):
    return float(np.mean((features(x, len(w) - 1) @ w - y) ** 2))


def sample(rng, n, noise=0.25):
    x = rng.uniform(-1.0, 1.0, size=n)
    return x, np.sin(np.pi * x) + rng.normal(scale=noise, size=n)


print("ready; matplotlib", "available" if plt is not None else "not available (numbers only)")

# %% [markdown]
# ## 1. More data closes the gap
#
# The page's degree-11 polynomial overfitted 12 points badly. Keep the model and grow the
# data set. Without a penalty the validation error falls towards the noise floor
# $0.25^2 = 0.0625$ as $N$ grows: with many points per coefficient, the noise averages out.
# The MAP penalty of a fixed prior ($\tau = 2$) shrinks as $\lambda = \sigma^2 / (N \tau^2)$,
# so the prior matters less and less.
#
# **Try:** a degree of 20. How many points does it need before the unregularised fit behaves?

# %%
rng = np.random.default_rng(0)
x_val, y_val = sample(rng, 2000)
sigma, tau, degree = 0.25, 2.0, 11
for n in (12, 25, 50, 100, 400, 1600):
    x, y = sample(np.random.default_rng(n), n)
    plain = ridge_fit(x, y, degree, 0.0)
    lam = sigma**2 / (n * tau**2)
    map_fit = ridge_fit(x, y, degree, n * lam)  # ridge_fit penalises a sum of squares
    print(
        f"N = {n:5d}: validation MSE, no penalty {mse(plain, x_val, y_val):10.4f}   "
        f"MAP (lambda = {lam:.2e}) {mse(map_fit, x_val, y_val):.4f}"
    )

# %% [markdown]
# ## 2. Choose $\lambda$ on validation data, report on test data
#
# Three disjoint sets: the page's 12 training points (its noise drawn afresh), 30 validation points to choose $\lambda$, and 2000
# test points used exactly once, for the number you would report. The validation error of
# the chosen $\lambda$ is slightly optimistic (it was selected for being low); the test error
# is the honest one.
#
# **Try:** shrink the validation set to 5 points and repeat with several seeds. How often does
# it pick a poor $\lambda$?

# %%
rng = np.random.default_rng(4)
x_tr = np.linspace(-1.0, 1.0, 12) + rng.uniform(-0.05, 0.05, size=12)  # as on the page
y_tr = np.sin(np.pi * x_tr) + rng.normal(scale=0.25, size=12)
x_va, y_va = sample(rng, 30)
x_te, y_te = sample(rng, 2000)
lams = np.logspace(-8, 1, 28)
val_errors = [mse(ridge_fit(x_tr, y_tr, 11, lam), x_va, y_va) for lam in lams]
best = int(np.argmin(val_errors))
w = ridge_fit(x_tr, y_tr, 11, lams[best])
print(
    f"chosen lambda {lams[best]:.2e}: validation MSE {val_errors[best]:.4f}, test MSE {mse(w, x_te, y_te):.4f}"
)
print(f"for comparison, lambda = 0: test MSE {mse(ridge_fit(x_tr, y_tr, 11, 0.0), x_te, y_te):.4f}")
if plt is not None:
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    ax.loglog(lams, val_errors, "o-", label="validation")
    ax.loglog(
        lams,
        [mse(ridge_fit(x_tr, y_tr, 11, lam), x_tr, y_tr) + 1e-6 for lam in lams],
        label="training",
    )
    ax.axvline(lams[best], color="grey", linestyle=":")
    ax.set_xlabel("lambda")
    ax.set_ylabel("MSE")
    ax.legend()
    plt.show()

# %% [figure] p10-validation-u-curve

# %% [markdown]
# ## 3. The mean and the variance of dropout
#
# Inverted dropout keeps the mean of every unit: $\mathbb{E}[x m] = x$. It adds noise: a
# kept unit is $x/(1-p)$, a dropped one 0, so the variance is
# $\mathbb{E}[(xm)^2] - x^2 = x^2 \frac{p}{1-p}$. The noise explodes as $p \to 1$, one reason
# values of $p$ above 0.5 are rare.
#
# **Try:** with your `dropout_forward`, the same table should come out (up to sampling noise).

# %%
x = 2.0
X = np.full((1000, 1000), x)
for p in (0.1, 0.25, 0.5, 0.75, 0.9):
    out, mask = np_dropout(X, p, np.random.default_rng(1))
    print(
        f"p = {p:4.2f}: mean {out.mean():.4f} (x = {x}), variance {out.var():7.3f} "
        f"(formula x^2 p / (1 - p) = {x * x * p / (1 - p):7.3f}), dropped {np.mean(mask == 0):.3f}"
    )

# %% [figure] p10-dropout-masks

# %% [markdown]
# ## 4. A NumPy MLP with each regulariser
#
# The setting of the page's figure, smaller so that it runs in seconds: a 1-32-32-1 ReLU
# network, full-batch Adam, 14 noisy training points of $\sin(3x)$ and 300 validation points.
# Four runs: nothing, AdamW-style weight decay on the weights only, dropout after each hidden
# layer, and early stopping with patience (which restores the weights of the best epoch).
# Every run starts from the same initial weights.
#
# **Try:** use your `EarlyStopping` instead of `NpEarlyStopping`, and change the patience:
# with 1, where does it stop?

# %%
rng = np.random.default_rng(10)
x_mlp = rng.uniform(-1, 1, size=(14, 1))
y_mlp = np.sin(3 * x_mlp) + rng.normal(scale=0.3, size=x_mlp.shape)
xv_mlp = rng.uniform(-1, 1, size=(300, 1))
yv_mlp = np.sin(3 * xv_mlp) + rng.normal(scale=0.3, size=xv_mlp.shape)


def forward(X, params, p=0.0, rng=None):
    cache, A = [], X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        if i == len(params) - 1:
            cache.append((A, Z, None))
            return Z, cache
        H = np.maximum(Z, 0.0)
        H, mask = np_dropout(H, p, rng, train=rng is not None and p > 0)
        cache.append((A, Z, mask))
        A = H


def backward(dout, cache, params):
    grads = [None] * len(params)
    for i in reversed(range(len(params))):
        A, Z, mask = cache[i]
        if i < len(params) - 1:
            dout = dout * (mask if mask is not None else 1.0) * (Z > 0)
        grads[i] = [A.T @ dout, dout.sum(axis=0)]
        dout = dout @ params[i][0].T
    return grads


def train_mlp_reg(weight_decay=0.0, p=0.0, patience=None, epochs=1500, lr=1e-2):
    rng = np.random.default_rng(0)
    sizes = [1, 32, 32, 1]
    params = [
        [rng.normal(scale=np.sqrt(2 / a), size=(a, b)), np.zeros(b)]
        for a, b in zip(sizes[:-1], sizes[1:])
    ]
    m = [[np.zeros_like(a) for a in layer] for layer in params]
    v = [[np.zeros_like(a) for a in layer] for layer in params]
    stopper = NpEarlyStopping(patience) if patience else None
    best_params, history = None, []
    for t in range(1, epochs + 1):
        out, cache = forward(x_mlp, params, p, rng)
        grads = backward(2 * (out - y_mlp) / len(x_mlp), cache, params)
        for layer, glayer, ml, vl in zip(params, grads, m, v):
            for k in range(2):
                ml[k] = 0.9 * ml[k] + 0.1 * glayer[k]
                vl[k] = 0.999 * vl[k] + 0.001 * glayer[k] ** 2
                if k == 0:
                    layer[k] = layer[k] * (1 - lr * weight_decay)  # decoupled, weights only
                layer[k] = layer[k] - lr * (ml[k] / (1 - 0.9**t)) / (
                    np.sqrt(vl[k] / (1 - 0.999**t)) + 1e-8
                )
        val = float(np.mean((forward(xv_mlp, params)[0] - yv_mlp) ** 2))  # evaluation mode
        history.append(val)
        if stopper is not None:
            stop = stopper.step(val)
            if stopper.best_epoch == t - 1:
                best_params = copy.deepcopy(params)  # a new best: save the weights
            if stop:
                params = best_params  # restore the best epoch's weights
                break
    final = float(np.mean((forward(xv_mlp, params)[0] - yv_mlp) ** 2))
    return final, history


runs = {
    "no regulariser": {},
    "weight decay 1.0": {"weight_decay": 1.0},
    "dropout 0.5": {"p": 0.5},
    "early stopping, patience 100": {"patience": 100},
}
curves = {}
for name, kwargs in runs.items():
    final, curves[name] = train_mlp_reg(**kwargs)
    print(
        f"{name:30s}: {len(curves[name]):4d} epochs, final validation MSE {final:.4f}, lowest seen {min(curves[name]):.4f}"
    )
if plt is not None:
    fig, ax = plt.subplots(figsize=(6.4, 3.4))
    for name, curve in curves.items():
        ax.plot(curve, label=name)
    ax.axhline(0.09, color="grey", linewidth=0.8)
    ax.set_ylim(0, 0.6)
    ax.set_xlabel("epoch")
    ax.set_ylabel("validation MSE")
    ax.legend(fontsize=9)
    plt.show()

# %% [figure] p10-train-val-curves

# %% [markdown]
# ## 5. PyTorch: `nn.Dropout`, `model.train()` and `model.eval()`
#
# `nn.Dropout(p)` is inverted dropout. A module's mode is a flag, `module.training`, that
# `model.train()` and `model.eval()` set on the model **and every sub-module** at once. In
# training mode the layer zeroes entries with probability $p$ and scales the rest by
# $1/(1-p)$; in evaluation mode it returns its input unchanged (the very same tensor).
#
# The second half shows the bug the page warns about: a Q-network with dropout, queried for
# the same state 1000 times in training mode, returns different Q-values each time, and its
# greedy action flips between calls. In evaluation mode the answer is fixed.

# %% [torch]
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402

torch.set_num_threads(1)  # tiny tensors: one thread is faster than a thread pool
torch.manual_seed(0)
drop = nn.Dropout(p=0.25)
x = torch.ones(2, 8, dtype=torch.float64)
print("training:", drop.training, "\n", drop(x))
drop.eval()
print("evaluation:", drop.training, "returns its input itself:", drop(x) is x)

q_net = nn.Sequential(
    nn.Linear(4, 64),
    nn.ReLU(),
    nn.Dropout(0.5),
    nn.Linear(64, 64),
    nn.ReLU(),
    nn.Dropout(0.5),
    nn.Linear(64, 2),
).double()
state = torch.randn(1, 4, dtype=torch.float64).repeat(1000, 1)  # one state, asked 1000 times
with torch.no_grad():
    q_net.train()
    q_train = q_net(state)
    q_net.eval()
    q_eval = q_net(state)
print("sub-modules in training mode after eval():", [m.training for m in q_net])
print(
    f"train mode: Q spread (std over calls) {q_train.std(0).numpy().round(3)}, "
    f"greedy action changes in {(q_train.argmax(1) != q_eval.argmax(1)).double().mean().item():.0%} of the calls"
)
print(
    f"eval mode:  Q spread {q_eval.std(0).numpy().round(3)}; mean train-mode Q {q_train.mean(0).numpy().round(3)} "
    f"vs eval Q {q_eval[0].numpy().round(3)}"
)

# %% [markdown]
# The mean of the training-mode Q-values is close to, but not exactly, the evaluation Q-values:
# with two dropout layers the second ReLU sees a noisy input, and the mean of a ReLU is not
# the ReLU of the mean. Inverted dropout matches the expectations one layer at a time; the
# evaluation network is a (very good) approximation of the ensemble average.
#
# ### Our NumPy dropout, with PyTorch's autograd
#
# Backpropagation through `X * mask` with a fixed mask gives `dout * mask`: autograd agrees
# with `dropout_backward`, for a mask drawn by our NumPy code.

# %% [torch]
rng = np.random.default_rng(3)
X_np = rng.normal(size=(5, 6))
out_np, mask_np = np_dropout(X_np, 0.4, rng)
X_t = torch.tensor(X_np, requires_grad=True)
dout = torch.randn(5, 6, dtype=torch.float64)
(X_t * torch.tensor(mask_np)).backward(dout)
print(
    "autograd gradient equals dout * mask:", np.allclose(X_t.grad.numpy(), dout.numpy() * mask_np)
)
assert np.allclose(X_t.grad.numpy(), dout.numpy() * mask_np)

# %% [markdown]
# ## 6. `weight_decay` in `torch.optim.SGD` is the L2 gradient
#
# `SGD(weight_decay=wd)` adds `wd * p` to every gradient it handles. We give it the same
# gradients as our NumPy step and compare: with parameter groups (weights decayed, biases
# not) the step equals $p - \eta(g + \nabla\Omega)$ with the gradient of `l2_penalty`; with a
# single group the biases are decayed too.
#
# **Try:** put your `l2_penalty` in place of `np_l2_penalty`.

# %% [torch]
net = nn.Sequential(nn.Linear(3, 5), nn.ReLU(), nn.Linear(5, 2)).double()
decay = [p for p in net.parameters() if p.ndim >= 2]
no_decay = [p for p in net.parameters() if p.ndim < 2]
before = [p.detach().numpy().copy() for p in net.parameters()]
xb = torch.randn(8, 3, dtype=torch.float64)
loss = net(xb).pow(2).mean()
loss.backward()
grads = [p.grad.numpy().copy() for p in net.parameters()]
lr, wd = 0.1, 0.05
_, reg = np_l2_penalty(before, wd)
ours = [p - lr * (g + r) for p, g, r in zip(before, grads, reg)]

opt = torch.optim.SGD(
    [{"params": decay, "weight_decay": wd}, {"params": no_decay, "weight_decay": 0.0}], lr=lr
)
opt.step()
same = all(np.allclose(o, p.detach().numpy()) for o, p in zip(ours, net.parameters()))
print("SGD with parameter groups == p - lr * (g + l2 gradient):", same)
assert same

with torch.no_grad():  # the same step with one group: the biases are decayed as well
    for p, b in zip(net.parameters(), before):
        p.copy_(torch.tensor(b))
torch.optim.SGD(net.parameters(), lr=lr, weight_decay=wd).step()
bias_after = net[0].bias.detach().numpy()
print(
    "one group: first bias moved by an extra -lr * wd * b:",
    np.allclose(bias_after, before[1] - lr * (grads[1] + wd * before[1])),
)

# %% [markdown]
# ## 7. Adam with `weight_decay` against AdamW, with the real optimisers
#
# The page's experiment with `torch.optim.Adam(weight_decay=0.1)` and
# `torch.optim.AdamW(weight_decay=0.1)`: two parameters whose gradients are pure noise, of
# size 10 and 0.01. With Adam the parameter with large gradients barely decays and the one with
# tiny gradients is driven to 0; with AdamW both follow $(1 - \eta\lambda)^t$.
#
# **Try:** set the noise of both parameters to 1. Do the two optimisers now agree?


# %% [torch]
def decay_run(opt_class, steps=3000):
    torch.manual_seed(0)
    theta = torch.ones(2, dtype=torch.float64, requires_grad=True)
    opt = opt_class([theta], lr=1e-3, weight_decay=0.1)
    noise = torch.tensor([10.0, 0.01], dtype=torch.float64)
    for _ in range(steps):
        opt.zero_grad()
        theta.grad = noise * torch.randn(2, dtype=torch.float64)  # a loss gradient of pure noise
        opt.step()
    return theta.detach().numpy().round(3)


print("torch Adam(weight_decay=0.1): ", decay_run(torch.optim.Adam))
print("torch AdamW(weight_decay=0.1):", decay_run(torch.optim.AdamW))
print("(1 - lr * wd) ** 3000 =", round((1 - 1e-4) ** 3000, 3))

# %% [figure] p10-adam-vs-adamw

# %% [markdown]
# ## 8. A PyTorch training loop with dropout, AdamW and early stopping
#
# The standard shape of a regularised supervised loop:
#
# - the weights and the biases in two parameter groups of `AdamW`, decay on the weights only;
# - `model.train()` before the training step, `model.eval()` and `torch.no_grad()` for the
#   validation loss;
# - an early-stopping object fed once per epoch; `copy.deepcopy(model.state_dict())` at every
#   new best, `load_state_dict` at the end.
#
# **Try:** remove `model.eval()` from the validation step. How noisy does the validation
# curve become, and where does early stopping stop now?

# %% [torch]
torch.manual_seed(0)
xt, yt = torch.tensor(x_mlp), torch.tensor(y_mlp)
xvt, yvt = torch.tensor(xv_mlp), torch.tensor(yv_mlp)
model = nn.Sequential(
    nn.Linear(1, 64),
    nn.ReLU(),
    nn.Dropout(0.2),
    nn.Linear(64, 64),
    nn.ReLU(),
    nn.Dropout(0.2),
    nn.Linear(64, 1),
).double()
groups = [
    {"params": [p for p in model.parameters() if p.ndim >= 2], "weight_decay": 0.1},
    {"params": [p for p in model.parameters() if p.ndim < 2], "weight_decay": 0.0},
]
opt = torch.optim.AdamW(groups, lr=1e-2)
stopper = NpEarlyStopping(patience=100, min_delta=1e-4)
best_state = None
for epoch in range(3000):
    model.train()
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(xt), yt)
    loss.backward()
    opt.step()
    model.eval()
    with torch.no_grad():
        val = nn.functional.mse_loss(model(xvt), yvt).item()
    stop = stopper.step(val)
    if stopper.best_epoch == epoch:
        best_state = copy.deepcopy(model.state_dict())
    if stop:
        break
print(
    f"stopped after epoch {epoch}; best validation MSE {stopper.best:.4f} at epoch {stopper.best_epoch}"
)
model.load_state_dict(best_state)
model.eval()
with torch.no_grad():
    restored = nn.functional.mse_loss(model(xvt), yvt).item()
print(f"validation MSE of the restored model {restored:.4f} (the noise floor is 0.09)")
assert abs(restored - stopper.best) < 1e-12

# %% [markdown]
# ## What to take to RL
#
# - In a DQN-style agent, call `eval()` on the target network (and on the online network when
#   acting) if the network has any dropout or batch-norm layer; most have none.
# - Use parameter groups: decaying the output bias of a Q-network drags every value towards 0
#   (the page computed $100/(1 + \lambda)$).
# - AdamW rather than `Adam(weight_decay=...)` when you want weight decay with Adam.
# - Early stopping on a loss is for supervised problems (behavioural cloning, a world model
#   trained on a fixed data set). An agent is judged, and its best checkpoint kept, by its
#   evaluation returns.
