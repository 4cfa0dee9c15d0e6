# %% [markdown]
# # Gradient descent: experiments and the PyTorch version
#
# This notebook goes beyond the page's exercises. You will
#
# 1. find the largest learning rate that works, on a quadratic and on a small network, and
#    compare it with the stability limit $2/L$;
# 2. race SGD, momentum and Adam along a curved valley, over a grid of learning rates;
# 3. measure how much too large an Adam *without* bias correction steps, update by update;
# 4. check that `torch.optim.SGD`, `SGD(momentum=...)`, `Adam` and `RMSprop` take exactly the
#    steps of the NumPy optimisers, on the same problem, step for step;
# 5. train the same small network with each PyTorch optimiser, and once more with the NumPy
#    Adam fed by PyTorch's autograd, to see the same loss curve twice;
# 6. use PyTorch's learning-rate schedulers and gradient clipping.
#
# The cells do not need your exercise solutions: they define their own optimisers, named
# `np_sgd`, `np_momentum`, `np_adam` and `np_rmsprop` so that they do not overwrite yours.
# Where a cell says **Try**, swap in your `sgd_step`, `momentum_step` or `adam_step`.

# %%
import math

import numpy as np

try:
    import matplotlib.pyplot as plt
except ImportError:  # the numbers below are printed either way
    plt = None


def np_sgd(params, grads, lr):
    return [p - lr * g for p, g in zip(params, grads)]


def np_momentum(params, grads, vel, lr, beta=0.9):
    vel = [beta * v + g for v, g in zip(vel, grads)]
    return [p - lr * v for p, v in zip(params, vel)], vel


def np_adam(params, grads, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, correct=True):
    new_p, new_m, new_v = [], [], []
    for p, g, mi, vi in zip(params, grads, m, v):
        mi = beta1 * mi + (1 - beta1) * g
        vi = beta2 * vi + (1 - beta2) * g * g
        m_hat = mi / (1 - beta1**t) if correct else mi
        v_hat = vi / (1 - beta2**t) if correct else vi
        new_p.append(p - lr * m_hat / (np.sqrt(v_hat) + eps))
        new_m.append(mi)
        new_v.append(vi)
    return new_p, new_m, new_v


def np_rmsprop(params, grads, sq, lr=1e-2, alpha=0.99, eps=1e-8):
    sq = [alpha * s + (1 - alpha) * g * g for s, g in zip(sq, grads)]
    return [p - lr * g / (np.sqrt(s) + eps) for p, g, s in zip(params, grads, sq)], sq


print("ready; matplotlib", "available" if plt is not None else "not available (numbers only)")

# %% [figure] p08-learning-rates

# %% [markdown]
# ## 1. The largest learning rate that works
#
# On $L(\theta) = \tfrac12 a \theta^2$ gradient descent converges exactly when $\eta < 2/a$.
# A sweep of learning rates finds the edge by experiment. Then the same sweep on a small
# tanh network (1-32-1, fitting $\sin x$, full batch): there the limit is set by the
# largest curvature of the loss, which we do not know in advance, so the sweep is the only
# practical way to find it.
#
# **Try:** halve the network's initial weights (`scale=0.5`). Does the edge move? A network's
# curvature depends on where it is, so its stability limit changes during training too.


# %%
def diverges_quadratic(lr, a=4.0, steps=200):
    theta = 1.0
    for _ in range(steps):
        theta -= lr * a * theta
        if abs(theta) > 1e6:
            return True
    return False


lrs = np.round(np.arange(0.40, 0.61, 0.02), 2)
print("quadratic with a = 4 (limit 2/a = 0.5):")
print("  ", "  ".join(f"{lr:.2f}:{'X' if diverges_quadratic(lr) else 'ok'}" for lr in lrs))


def net_data():
    x = np.linspace(-3.0, 3.0, 64)[:, None]
    return x, np.sin(x)


def init_net(seed=0, scale=1.0):
    rng = np.random.default_rng(seed)
    return [
        scale * rng.normal(0.0, 1.0, (1, 32)),
        np.zeros(32),
        scale * rng.normal(0.0, np.sqrt(1 / 32), (32, 1)),
        np.zeros(1),
    ]


def net_loss_and_grads(params, x, y):
    """MSE of a 1-32-1 tanh network and its gradients (page 7's backward pass)."""
    W1, b1, W2, b2 = params
    h = np.tanh(x @ W1 + b1)  # (N, 32)
    r = h @ W2 + b2 - y  # (N, 1)
    d = 2 * r / len(x)
    dz = (d @ W2.T) * (1 - h**2)
    return float(np.mean(r**2)), [x.T @ dz, dz.sum(0), h.T @ d, d.sum(0)]


def final_loss(lr, steps=300, scale=1.0):
    x, y = net_data()
    params = init_net(scale=scale)
    for _ in range(steps):
        loss, grads = net_loss_and_grads(params, x, y)
        if not math.isfinite(loss) or loss > 1e6:
            return math.inf
        params = np_sgd(params, grads, lr)
    return net_loss_and_grads(params, x, y)[0]


print("tanh network, final MSE after 300 steps of SGD:")
for lr in (0.01, 0.03, 0.05, 0.07, 0.09, 0.1, 0.11, 0.12, 0.15):
    print(f"   lr {lr:.2f}: {final_loss(lr):.4f}")

# %% [markdown]
# ## 2. A race along the curved valley
#
# The valley $(1-x)^2 + 10(y - x^2)^2$ of the page's figure, from $(-1.5, 2)$: how many
# steps does each optimiser need to get within 0.01 of the minimum $(1, 1)$, for a grid of
# learning rates? A dash means "not within 5000 steps" (or diverged). Each optimiser has its
# own good range of learning rates: comparing them at one shared learning rate says nothing.
#
# **Try:** `beta=0.99` for momentum, and Adam with `eps=1e-3`.


# %%
def valley_grad(p):
    x, y = p
    return np.array([-2 * (1 - x) - 40 * x * (y - x**2), 20 * (y - x**2)])


def race(kind, lr, steps=5000):
    params = [np.array([-1.5, 2.0])]
    vel = [np.zeros(2)]
    m, v = [np.zeros(2)], [np.zeros(2)]
    for t in range(1, steps + 1):
        grads = [valley_grad(params[0])]
        if kind == "sgd":
            params = np_sgd(params, grads, lr)
        elif kind == "momentum":
            params, vel = np_momentum(params, grads, vel, lr)
        else:
            params, m, v = np_adam(params, grads, m, v, t, lr=lr)
        if not np.all(np.isfinite(params[0])) or np.abs(params[0]).max() > 1e3:
            return None
        if np.linalg.norm(params[0] - 1.0) < 0.01:
            return t
    return None


grid = {
    "sgd": (0.001, 0.003, 0.005, 0.01, 0.011),
    "momentum": (0.0003, 0.001, 0.002, 0.003, 0.005),
    "adam": (0.003, 0.01, 0.03, 0.05, 0.1),
}
for kind, lrs in grid.items():
    cells = [f"{lr:g}: {race(kind, lr) or '-'}" for lr in lrs]
    print(f"{kind:8}", " | ".join(cells))

# %% [figure] p08-momentum-weights

# %% [figure] p08-optimizer-paths

# %% [markdown]
# ## 3. Adam without bias correction, update by update
#
# The same noisy quadratic, optimised by Adam with and without the bias correction, from the
# same start with the same gradients' noise. We print the ratio of the two step lengths.
# It follows $(1-\beta_1^t)/\sqrt{1-\beta_2^t}$ closely while the gradients are steady
# (the first few dozen updates). Later the two runs are in different places, with different
# gradients, so the comparison is no longer like with like: the uncorrected run has already
# travelled further.
#
# **Try:** `beta2=0.99`. The uncorrected steps are then wrong for a shorter time. Why?


# %%
rng = np.random.default_rng(3)
a = np.array([1.0, 10.0, 0.1])
theta = np.array([2.0, -1.0, 3.0])
runs = {}
for correct in (True, False):
    p, m, v = [theta.copy()], [np.zeros(3)], [np.zeros(3)]
    lengths = []
    noise_rng = np.random.default_rng(4)
    for t in range(1, 1001):
        g = [a * p[0] + 0.01 * noise_rng.standard_normal(3)]
        new_p, m, v = np_adam(p, g, m, v, t, lr=1e-3, correct=correct)
        lengths.append(float(np.linalg.norm(new_p[0] - p[0])))
        p = new_p
    runs[correct] = np.array(lengths)
for t in (1, 2, 5, 12, 50, 100, 300, 1000):
    formula = (1 - 0.9**t) / math.sqrt(1 - 0.999**t)
    print(
        f"update {t:4d}: uncorrected / corrected step length {runs[False][t - 1] / runs[True][t - 1]:.3f}"
        f"   formula {formula:.3f}"
    )

# %% [figure] p08-adam-bias-correction

# %% [markdown]
# ## 4. `torch.optim` takes the same steps
#
# The problem: a linear model $\hat y = X W + b$ with a weight matrix $W$ (3, 2) and a bias
# $b$ (2,), trained on a fixed batch with the mean squared error. PyTorch computes the
# gradients with autograd and steps with its optimiser; NumPy computes them by hand
# ($\partial L/\partial W = \tfrac{2}{N} X^\top r$, $\partial L/\partial b = \tfrac{2}{N}
# \sum_n r_n$ for $r = \hat y - y$, averaged over the 2 outputs as well) and steps with the
# optimisers above. After every one of 50 steps the parameters are compared. In float64 the
# two agree to about $10^{-15}$: the same arithmetic, in a different library.
#
# **Try:** swap `np_momentum` for your `momentum_step` and `np_adam` for your `adam_step`.

# %% [torch]
import torch  # noqa: E402 - a notebook cell imports what it needs

rng = np.random.default_rng(5)
X = rng.standard_normal((16, 3))
Y = X @ np.array([[1.0, -2.0], [0.5, 0.0], [-1.0, 1.5]]) + 0.3 + 0.1 * rng.standard_normal((16, 2))
W0, b0 = 0.1 * rng.standard_normal((3, 2)), np.zeros(2)


def np_grads(params):
    W, b = params
    r = X @ W + b - Y  # (16, 2)
    d = 2 * r / r.size  # the mean over all 32 entries
    return [X.T @ d, d.sum(0)]


def torch_run(make_opt, steps):
    W = torch.tensor(W0, requires_grad=True)
    b = torch.tensor(b0, requires_grad=True)
    opt = make_opt([W, b])
    path = []
    for _ in range(steps):
        opt.zero_grad()
        loss = torch.mean((torch.from_numpy(X) @ W + b - torch.from_numpy(Y)) ** 2)
        loss.backward()
        opt.step()
        path.append([W.detach().numpy().copy(), b.detach().numpy().copy()])
    return path


def numpy_run(kind, steps, **kw):
    params = [W0.copy(), b0.copy()]
    state = [[np.zeros_like(p) for p in params], [np.zeros_like(p) for p in params]]
    path = []
    for t in range(1, steps + 1):
        grads = np_grads(params)
        if kind == "sgd":
            params = np_sgd(params, grads, kw["lr"])
        elif kind == "momentum":
            params, state[0] = np_momentum(params, grads, state[0], kw["lr"], kw["beta"])
        elif kind == "adam":
            params, state[0], state[1] = np_adam(params, grads, state[0], state[1], t, **kw)
        else:
            params, state[0] = np_rmsprop(params, grads, state[0], **kw)
        path.append(params)
    return path


cases = [
    ("SGD", lambda ps: torch.optim.SGD(ps, lr=0.1), "sgd", {"lr": 0.1}),
    (
        "SGD momentum",
        lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9),
        "momentum",
        {"lr": 0.05, "beta": 0.9},
    ),
    (
        "Adam (Rainbow eps)",
        lambda ps: torch.optim.Adam(ps, lr=0.05, eps=1.5e-4),
        "adam",
        {"lr": 0.05, "eps": 1.5e-4},
    ),
    (
        "RMSprop",
        lambda ps: torch.optim.RMSprop(ps, lr=0.01, alpha=0.99),
        "rmsprop",
        {"lr": 0.01, "alpha": 0.99},
    ),
]
for name, make_opt, kind, kw in cases:
    theirs = torch_run(make_opt, 50)
    ours = numpy_run(kind, 50, **kw)
    worst = max(
        float(np.max(np.abs(a - b)))
        for step_t, step_n in zip(theirs, ours)
        for a, b in zip(step_t, step_n)
    )
    final = float(np.mean((X @ ours[-1][0] + ours[-1][1] - Y) ** 2))
    print(f"{name:19}: largest difference over 50 steps {worst:.1e}, final MSE {final:.4f}")
    assert worst < 1e-10, name

# %% [markdown]
# ## 5. One network, four optimisers
#
# A 1-32-1 tanh network fitting $\sin x$ with minibatches of 16 from 256 noisy points, 600
# updates, each optimiser at a learning rate that suits it. The minibatches are the same for
# every optimiser (one shared, seeded order), so the curves differ only by the optimiser.
# The last run is the NumPy Adam, with gradients from PyTorch's autograd: its curve lies on
# top of `torch.optim.Adam`'s.
#
# **Try:** give SGD Adam's learning rate (0.01) and Adam SGD's (0.1). What happens, and why is
# the learning rate not a property of the problem alone?

# %% [torch]
from torch import nn  # noqa: E402

data_rng = np.random.default_rng(6)
xs = data_rng.uniform(-3, 3, (256, 1))
ys = np.sin(xs) + 0.05 * data_rng.standard_normal((256, 1))
order = (
    np.random.default_rng(7).permutation(np.tile(np.arange(256), 40))[: 600 * 16].reshape(600, 16)
)


def make_net():
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(1, 32), nn.Tanh(), nn.Linear(32, 1)).double()


def train_torch(make_opt):
    net = make_net()
    opt = make_opt(net.parameters())
    losses = []
    for idx in order:
        xb, yb = torch.from_numpy(xs[idx]), torch.from_numpy(ys[idx])
        loss = nn.functional.mse_loss(net(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return np.array(losses)


def train_numpy_adam(lr):
    """The NumPy Adam updates the same network; autograd only supplies the gradients."""
    net = make_net()
    params = [p.detach().numpy().copy() for p in net.parameters()]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    losses = []
    for t, idx in enumerate(order, start=1):
        with torch.no_grad():
            for p, value in zip(net.parameters(), params):
                p.copy_(torch.from_numpy(value))
        net.zero_grad()
        loss = nn.functional.mse_loss(net(torch.from_numpy(xs[idx])), torch.from_numpy(ys[idx]))
        loss.backward()
        grads = [p.grad.numpy().copy() for p in net.parameters()]
        params, m, v = np_adam(params, grads, m, v, t, lr=lr)
        losses.append(loss.item())
    return np.array(losses)


curves = {
    "SGD lr 0.1": train_torch(lambda ps: torch.optim.SGD(ps, lr=0.1)),
    "SGD momentum 0.9, lr 0.02": train_torch(lambda ps: torch.optim.SGD(ps, lr=0.02, momentum=0.9)),
    "RMSprop lr 0.003": train_torch(lambda ps: torch.optim.RMSprop(ps, lr=0.003)),
    "Adam lr 0.01": train_torch(lambda ps: torch.optim.Adam(ps, lr=0.01)),
    "NumPy Adam lr 0.01": train_numpy_adam(0.01),
}
for name, losses in curves.items():
    print(
        f"{name:26}: mean loss of the first 50 updates {losses[:50].mean():.4f}, last 50 {losses[-50:].mean():.4f}"
    )
gap = float(np.max(np.abs(curves["Adam lr 0.01"] - curves["NumPy Adam lr 0.01"])))
print(f"largest difference between the torch.optim.Adam and NumPy Adam curves: {gap:.1e}")
assert gap < 1e-9

if plt is not None:
    fig, ax = plt.subplots(figsize=(7, 4))
    for name, losses in curves.items():
        smooth = np.convolve(losses, np.ones(20) / 20, mode="valid")
        ax.plot(smooth, label=name, linestyle="--" if name.startswith("NumPy") else "-")
    ax.set_yscale("log")
    ax.set_xlabel("update")
    ax.set_ylabel("minibatch MSE (moving average of 20)")
    ax.legend(fontsize=8)
    plt.show()

# %% [markdown]
# ## 6. Schedulers and gradient clipping in PyTorch
#
# `torch.optim.lr_scheduler` changes an optimiser's learning rate each time you call
# `scheduler.step()` (once per update, after `optimizer.step()`). We compare three of them
# with the formulas of the page: PPO's linear decay (`LinearLR`), a cosine decay
# (`CosineAnnealingLR`) and warmup followed by cosine (`LambdaLR` with our own function).
# Then `torch.nn.utils.clip_grad_norm_`, which PPO and DQN implementations call between
# `backward()` and `step()`, against the NumPy rule.


# %% [torch]
def lrs_of(make_sched, steps, base=2.5e-4):
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=base)
    sched = make_sched(opt)
    out = []
    for _ in range(steps):
        out.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return np.array(out)


T, W, base = 1000, 100, 2.5e-4
s = np.arange(T)
linear = lrs_of(lambda o: torch.optim.lr_scheduler.LinearLR(o, 1.0, 0.0, total_iters=T), T)
cosine = lrs_of(lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=T), T)


def warmup_cosine_factor(step):
    if step < W:
        return step / W
    return 0.5 * (1 + math.cos(math.pi * min(1.0, (step - W) / (T - W))))


warm = lrs_of(lambda o: torch.optim.lr_scheduler.LambdaLR(o, warmup_cosine_factor), T)
print("LinearLR          vs base * (1 - s/T):", float(np.max(np.abs(linear - base * (1 - s / T)))))
print(
    "CosineAnnealingLR vs the cosine formula:",
    float(np.max(np.abs(cosine - base * 0.5 * (1 + np.cos(np.pi * s / T))))),
)
print(
    "LambdaLR warmup + cosine at steps 0, 50, 100, 550, 999:",
    [f"{warm[k]:.3e}" for k in (0, 50, 100, 550, 999)],
)
assert np.allclose(linear, base * (1 - s / T), rtol=0, atol=1e-12)
assert np.allclose(cosine, base * 0.5 * (1 + np.cos(np.pi * s / T)), rtol=0, atol=1e-12)

grads_np = [np.array([[3.0, 0.0], [0.0, 4.0]]), np.array([12.0])]  # global norm 13
tensors = [torch.tensor(g, requires_grad=True) for g in grads_np]
for t, g in zip(tensors, grads_np):
    t.grad = torch.from_numpy(g.copy())
total = torch.nn.utils.clip_grad_norm_(tensors, max_norm=1.0)
c = min(1.0, 1.0 / (13.0 + 1e-6))
print(
    "total norm (torch):",
    float(total),
    " clipped bias gradient (torch, NumPy):",
    float(tensors[1].grad[0]),
    c * 12.0,
)
assert abs(float(tensors[1].grad[0]) - c * 12.0) < 1e-12

# %% [figure] p08-lr-schedules

# %% [markdown]
# ## Summary
#
# - The stability limit is real: gradient descent on a quadratic diverges just above
#   $2/L$, and a network's loss explodes just as abruptly once its learning rate crosses the
#   limit set by its steepest direction.
# - Each optimiser has its own range of good learning rates; SGD's and Adam's differ by an
#   order of magnitude or more.
# - An Adam without bias correction takes steps several times too large for hundreds of
#   updates, exactly as $(1-\beta_1^t)/\sqrt{1-\beta_2^t}$ predicts.
# - `torch.optim.SGD` (with and without momentum), `Adam` and `RMSprop` take the same steps as
#   the NumPy rules of the page, to rounding error; PyTorch updates its tensors in place, the
#   NumPy versions return new arrays.
# - PyTorch's schedulers and `clip_grad_norm_` compute the formulas of the page.
