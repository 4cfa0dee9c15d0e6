# %% [markdown]
# # Loss functions: experiments and the PyTorch version
#
# This notebook goes beyond the page's exercises. You will
#
# 1. see which number each loss makes a model predict (mean, median, something between),
# 2. run gradient descent on a well- and a badly-conditioned loss landscape and count steps,
# 3. find the logit scale at which a naive cross-entropy breaks, in float32 and float64,
# 4. watch a done-mask bug inflate every value of a small corridor world,
# 5. compare how much one outlier moves a fit under MSE and under Huber,
# 6. with PyTorch: check `F.mse_loss`, `F.cross_entropy`, `F.huber_loss` and
#    `F.smooth_l1_loss` against NumPy, confirm that the gradient of the cross-entropy is
#    (softmax - onehot) / N, train a classifier with cross-entropy and with the squared error on
#    probabilities, write a DQN update with a detached target and a target network, and build
#    the policy-gradient loss from `F.cross_entropy`.
#
# Every cell is self-contained: it does not need your exercise solutions (the helpers below
# are written out so that the experiments run even before you have solved anything). Plots
# appear when matplotlib is available; every experiment also prints its numbers.

# %%
import numpy as np

try:
    import matplotlib.pyplot as plt
except ImportError:  # the numbers below are printed either way
    plt = None


def log_softmax(z):
    """Row-wise log-softmax of (N, K) logits, stable for any scale."""
    m = np.max(z, axis=1, keepdims=True)
    return z - m - np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))


def ce_reference(logits, labels):
    """Mean cross-entropy from logits (N, K) and integer labels (N,)."""
    return float(-np.mean(log_softmax(logits)[np.arange(len(labels)), labels]))


def huber_reference(pred, target, delta=1.0):
    a = np.abs(pred - target)
    c = np.minimum(a, delta)
    return float(np.mean(0.5 * c**2 + delta * (a - c)))


print("ready; matplotlib", "available" if plt is not None else "not available (numbers only)")

# %% [markdown]
# ## 1. What does each loss make a model predict?
#
# Fit a single number $c$ to a sample of returns with gradient descent, once per loss. The
# returns are skewed: most episodes end with about 10, a few are disasters with -100. The
# squared error lands on the **mean** (dragged down by the disasters), the absolute error on
# the **median**, and Huber in between, closer to the median for small $\delta$.
#
# **Try:** make the disasters more frequent (`p=[0.7, 0.3]`). Which estimate moves most? A
# value function trained with MSE must report the mean: that is what the Bellman equation
# asks for. Why would a median be the wrong value for a risky state?

# %%
rng = np.random.default_rng(0)
returns = np.where(rng.choice(2, size=2000, p=[0.9, 0.1]) == 0, rng.normal(10, 2, 2000), -100.0)
grads = {
    "squared": lambda e: e,  # d(0.5 e^2)/de
    "absolute": np.sign,  # d|e|/de
    "huber d=1": lambda e: np.clip(e, -1.0, 1.0),
    "huber d=20": lambda e: np.clip(e, -20.0, 20.0),
}
for name, grad in grads.items():
    c = 0.0
    for step in range(4000):
        lr = 0.5 if name == "squared" else 2.0 / (1 + step) ** 0.6  # shrinking steps for |e|
        c -= lr * np.mean(grad(c - returns))
    print(f"{name:11s} -> c = {c:7.3f}")
print(f"mean {returns.mean():.3f}, median {np.median(returns):.3f}")

# %% [markdown]
# ## 2. Gradient descent on a round and on a narrow bowl
#
# The page's landscape figure, as an experiment: fit $\hat{y} = wx + b$ by gradient descent,
# with raw inputs $x \in [1, 5]$ and with standardised inputs, each at 90% of its largest
# stable learning rate ($2/\lambda_{\max}$ of the Hessian), and count the steps until the loss
# is within $10^{-6}$ of its minimum.
#
# **Try:** use inputs in $[101, 105]$ (add 100 to `x`). How many steps now? This is why
# observations are normalised before they reach a network.

# %% [figure] p06-mse-landscape

# %%
rng = np.random.default_rng(6)
x = rng.uniform(1.0, 5.0, size=40)
y = 1.5 * x + 0.5 + rng.normal(scale=0.4, size=40)


def steps_to_converge(x, y, max_steps=100_000):
    A = np.stack([x, np.ones_like(x)], axis=1)
    best = np.mean((A @ np.linalg.lstsq(A, y, rcond=None)[0] - y) ** 2)
    H = 2 * A.T @ A / len(x)
    lr = 1.8 / np.linalg.eigvalsh(H).max()
    theta = np.zeros(2)
    for step in range(1, max_steps + 1):
        r = A @ theta - y
        theta -= lr * 2 * A.T @ r / len(x)
        if np.mean(r**2) - best < 1e-6:
            return step, np.linalg.cond(H)
    return max_steps, np.linalg.cond(H)


for name, inputs in (("raw x in [1, 5]", x), ("standardised x", (x - x.mean()) / x.std())):
    n, cond = steps_to_converge(inputs, y)
    print(f"{name:16s} condition number {cond:7.1f}: {n:5d} steps")

# %% [markdown]
# ## 3. Where a naive cross-entropy breaks
#
# `-np.log(softmax(z)[y])` is exact until the true class's probability underflows to 0. With
# float32, the usual precision of GPU training, that happens much sooner. Here the true class
# has logit 0 and the other class has logit `scale`, so the exact loss is
# `log(1 + exp(scale))`, about `scale` for large scales.
#
# **Try:** find the smallest scale at which the float64 naive loss becomes `inf`.

# %%
for dtype in (np.float32, np.float64):
    print(np.dtype(dtype).name)
    for scale in (10.0, 50.0, 100.0, 120.0, 800.0):
        z = np.array([[scale, 0.0]], dtype=dtype)
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            e = np.exp(z - z.max(axis=1, keepdims=True))
            naive = -np.log((e / e.sum(axis=1, keepdims=True))[0, 1])
        stable = -log_softmax(z)[0, 1]
        print(f"  logit gap {scale:6.0f}: naive {naive:>10.4f}   stable {stable:10.4f}")

# %% [figure] p06-cross-entropy-vs-probability

# %% [markdown]
# ## 4. A done-mask bug in a corridor world
#
# A corridor of 5 cells; the agent starts in cell 0, moves right (action 1) or left (action
# 0), and gets a reward of +1 when it reaches cell 4, which ends the episode. With
# $\gamma = 0.9$ the optimal values are $Q^*(s, \text{right}) = \gamma^{3 - s}$.
#
# We run fitted Q-iteration on every transition: `Q[s, a] <- r + gamma * (1 - done) *
# max Q[s', .]`, repeated until it settles. The bug: the transition into the goal stores as
# `s'` the **first observation of the next episode** (cell 0), which is what an auto-resetting
# vectorised environment returns at the end of an episode. With the done mask this is
# harmless; without it, the goal transition bootstraps from the start of a new episode and
# the values of the whole corridor inflate.
#
# **Try:** set `gamma = 0.99`. How large do the buggy values get? (Compare with the sum of
# the rewards of an episode that never ends.)

# %%
gamma, n_cells = 0.9, 5
transitions = []  # (s, a, r, s_next, done)
for s in range(n_cells - 1):
    right = s + 1
    if right == n_cells - 1:
        transitions.append((s, 1, 1.0, 0, True))  # reached the goal; s' is the reset cell
    else:
        transitions.append((s, 1, 0.0, right, False))
    transitions.append((s, 0, 0.0, max(s - 1, 0), False))
S, A_, R, S2, D = (np.array(col) for col in zip(*transitions))


def fitted_q(use_mask, sweeps=500):
    Q = np.zeros((n_cells, 2))
    for _ in range(sweeps):
        mask = (1.0 - D.astype(float)) if use_mask else 1.0
        Q[S, A_] = R + gamma * mask * Q[S2].max(axis=1)
    return Q


print("cell                    0       1       2       3")
print("optimal Q(s, right)", np.round(gamma ** (3 - np.arange(4.0)), 4))
print("with the done mask ", np.round(fitted_q(True)[:4, 1], 4))
print("mask forgotten     ", np.round(fitted_q(False)[:4, 1], 4))

# %% [markdown]
# ## 5. One outlier under MSE and under Huber
#
# Fit a line to 40 clean points plus one corrupted target, and measure how far the fitted
# slope moves as the outlier grows. Under MSE the shift grows in proportion to the outlier's
# size; under Huber it stops growing once the outlier's error is beyond $\delta$, because its
# pull is capped.
#
# **Try:** replace the one outlier by five. At what point does Huber's fit break down too?

# %% [figure] p06-huber-vs-squared

# %%
rng = np.random.default_rng(3)
x = np.linspace(0.0, 10.0, 41)
y_clean = 0.8 * x + 1.0 + rng.normal(scale=0.3, size=41)


def fit_line(x, y, grad_fn, steps=3000, lr=0.01):
    w = b = 0.0
    for _ in range(steps):
        g = grad_fn(w * x + b - y)
        w, b = w - lr * np.mean(g * x), b - lr * np.mean(g)
    return w


for size in (0.0, 5.0, 20.0, 100.0):
    y = y_clean.copy()
    y[-1] += size
    w_mse = fit_line(x, y, lambda e: e)
    w_hub = fit_line(x, y, lambda e: np.clip(e, -1.0, 1.0))
    print(f"outlier +{size:5.0f}: slope under MSE {w_mse:.3f}   under Huber {w_hub:.3f}")

# %% [figure] p06-outlier-fit

# %% [markdown]
# ## 6. The same losses in PyTorch
#
# `torch.nn.functional` has every loss of the page: `mse_loss`, `cross_entropy` (from
# **logits**, with integer class labels of dtype `int64`), `huber_loss(delta=)`,
# `smooth_l1_loss(beta=)` and `binary_cross_entropy_with_logits`, each with
# `reduction="mean"` by default. Module versions (`nn.MSELoss()`, `nn.CrossEntropyLoss()`,
# `nn.HuberLoss()`) wrap the same functions. We compare them with the NumPy versions on random
# and extreme inputs.

# %% [torch]
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

rng = np.random.default_rng(1)
pred, target = rng.normal(size=(16, 3)) * 3, rng.normal(size=(16, 3))
pt, tt = torch.tensor(pred), torch.tensor(target)
checks = {
    "mse_loss": (np.mean((pred - target) ** 2), F.mse_loss(pt, tt)),
    "huber_loss delta=1": (huber_reference(pred, target), F.huber_loss(pt, tt)),
    "huber_loss delta=2": (huber_reference(pred, target, 2.0), F.huber_loss(pt, tt, delta=2.0)),
    "smooth_l1 beta=2 (= huber/2)": (
        huber_reference(pred, target, 2.0) / 2.0,
        F.smooth_l1_loss(pt, tt, beta=2.0),
    ),
}
for scale in (1.0, 1e4):
    logits = rng.normal(size=(8, 5)) * scale
    labels = rng.integers(0, 5, size=8)
    checks[f"cross_entropy, logits x{scale:g}"] = (
        ce_reference(logits, labels),
        F.cross_entropy(torch.tensor(logits), torch.tensor(labels)),
    )
for name, (ours, theirs) in checks.items():
    same = np.isclose(ours, theirs.item(), rtol=1e-9)
    print(f"{name:30s} NumPy {ours:12.6f}   torch {theirs.item():12.6f}   same: {same}")
    assert same

# %% [markdown]
# ### The gradient of the cross-entropy
#
# Autograd differentiates `F.cross_entropy` for us. The page derived that for one example the
# gradient with respect to the logits is $\mathbf{p} - \mathbf{y}$; with the mean over a batch
# of $N$ it is $(\mathbf{p} - \mathbf{y})/N$ per row. Page 7 asks you to write exactly this;
# here we only confirm it.
#
# The same cell shows a classic bug: applying softmax **before** `F.cross_entropy` (which then
# applies log-softmax a second time). The loss still decreases in training, but its gradient
# is much smaller and no longer $\mathbf{p} - \mathbf{y}$.

# %% [torch]
logits = torch.tensor(rng.normal(size=(4, 3)) * 2, requires_grad=True)
labels = torch.tensor([0, 2, 1, 1])
loss = F.cross_entropy(logits, labels)
loss.backward()
p = torch.softmax(logits.detach(), dim=1)
formula = (p - F.one_hot(labels, 3)) / len(labels)
print("loss", round(loss.item(), 6))
print("autograd gradient:\n", logits.grad.numpy().round(4))
print("(softmax - onehot) / N equals it:", torch.allclose(logits.grad, formula))
assert torch.allclose(logits.grad, formula)

logits.grad = None
wrong = F.cross_entropy(torch.softmax(logits, dim=1), labels)  # the bug
wrong.backward()
print(
    f"softmax before cross_entropy: loss {wrong.item():.4f}, "
    f"gradient size {logits.grad.norm().item():.4f} vs {formula.norm().item():.4f}"
)

# %% [markdown]
# ### Cross-entropy against the squared error on probabilities, in training
#
# A linear softmax classifier on three well-separated clusters, started **confidently wrong**
# (its initial weights map each cluster to the wrong class). We train it twice with
# `torch.optim.SGD`, once with `F.cross_entropy` and once with the squared error between
# `softmax(logits)` and the one-hot labels, and print the accuracy as training goes on. The
# squared error barely moves at first: its gradient vanishes where the model is confidently
# wrong, and it needs many more steps to escape.
#
# **Try:** make the initial weights more confidently wrong (`1.0 * centres.T`). Does the
# squared error escape at all within 300 steps? And from zero weights (`0.0 * centres.T`)?

# %% [torch]
torch.manual_seed(0)
centres = torch.tensor([[3.0, 0.0], [-1.5, 2.6], [-1.5, -2.6]], dtype=torch.float64)
y_cls = torch.arange(3).repeat_interleave(50)
X_cls = centres[y_cls] + 0.5 * torch.randn(150, 2, dtype=torch.float64)


def train(loss_name, steps=300, lr=0.5):
    W = torch.zeros(2, 3, dtype=torch.float64)
    W[:, [1, 2, 0]] = 0.5 * centres.T  # each cluster scores highest for the wrong class
    W.requires_grad_(True)
    b = torch.zeros(3, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([W, b], lr=lr)
    history = []
    for step in range(steps + 1):
        logits = X_cls @ W + b
        if loss_name == "cross-entropy":
            loss = F.cross_entropy(logits, y_cls)
        else:
            loss = F.mse_loss(torch.softmax(logits, dim=1), F.one_hot(y_cls, 3).double())
        if step in (0, 10, 50, 100, 300):
            acc = (logits.argmax(1) == y_cls).double().mean().item()
            history.append(f"step {step:3d}: loss {loss.item():7.4f}, accuracy {acc:.2f}")
        opt.zero_grad()
        loss.backward()
        opt.step()
    return history


for name in ("cross-entropy", "squared error on probabilities"):
    print(name)
    for line in train(name):
        print("  ", line)

# %% [markdown]
# ### A DQN update: detached target, target network
#
# The full DQN loss in PyTorch, for a small Q-network and a fixed batch of transitions:
#
# - the target is computed from a **target network** under `torch.no_grad()`, with the done
#   mask;
# - `gather` picks $Q_\theta(s_i, a_i)$, the entry of the action taken in each row;
# - the loss is `F.smooth_l1_loss` (Huber with $\delta = 1$) or `F.mse_loss`.
#
# First we compare the gradient with a detached target against the gradient when the target is
# computed from the *online* network without detaching: they differ, because autograd then
# also differentiates through $\max_{a'} Q_\theta(s', a')$ (the full, "residual" gradient the
# page warns about). Then we train for a few hundred steps and copy the online weights into the
# target network every `C` steps.
#
# **Try:** set `C = 1` (the target network is always the online one). Does the loss curve
# still go down smoothly between copies?

# %% [torch]
torch.manual_seed(1)


def q_network():
    return torch.nn.Sequential(
        torch.nn.Linear(4, 32), torch.nn.ReLU(), torch.nn.Linear(32, 2)
    ).double()


online, target_net = q_network(), q_network()
target_net.load_state_dict(online.state_dict())
n = 64
s = torch.randn(n, 4, dtype=torch.float64)
s_next = s + 0.1 * torch.randn(n, 4, dtype=torch.float64)
a = torch.randint(0, 2, (n,))
r = torch.ones(n, dtype=torch.float64)
done = torch.rand(n) < 0.1  # booleans, as a replay buffer may store them
gamma = 0.99


def dqn_loss_torch(q_net, tgt_net, detach=True):
    q_sa = q_net(s).gather(1, a.unsqueeze(1)).squeeze(1)
    if detach:
        with torch.no_grad():
            next_max = tgt_net(s_next).max(dim=1).values
    else:
        next_max = tgt_net(s_next).max(dim=1).values
    y = r + gamma * (1.0 - done.double()) * next_max
    return F.smooth_l1_loss(q_sa, y)


online.zero_grad()
dqn_loss_torch(online, online, detach=True).backward()
semi = online[0].weight.grad.clone()
online.zero_grad()
dqn_loss_torch(online, online, detach=False).backward()
full = online[0].weight.grad.clone()
print("gradients equal with and without detaching:", torch.allclose(semi, full))
print(f"relative difference {((semi - full).norm() / semi.norm()).item():.3f}")

opt = torch.optim.Adam(online.parameters(), lr=1e-3)
C = 100
for step in range(1, 501):
    loss = dqn_loss_torch(online, target_net)
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step % C == 0:
        target_net.load_state_dict(online.state_dict())  # the periodic copy
        mean_q = online(s).mean().item()
        print(f"step {step}: loss {loss.item():.5f}, mean Q {mean_q:.3f} (copied to target)")
print("target network got no gradient:", all(p.grad is None for p in target_net.parameters()))

# %% [markdown]
# The mean Q-value climbs in steps: between copies the targets are fixed and the loss is an
# ordinary regression; each copy raises the targets and the regression follows. If every
# Q-value were the same number $q$, the targets would be $1 + \gamma (1 - f) q$ with $f$ the
# fraction of terminal transitions, so the values head for the fixed point
# $q = 1 / (1 - \gamma (1 - f))$. The next cell computes it: 500 updates are only the start
# of the climb.

# %% [torch]
f = done.double().mean().item()
print(
    f"terminal fraction f = {f:.3f}; fixed point 1 / (1 - gamma (1 - f)) = {1 / (1 - gamma * (1 - f)):.2f}"
)

# %% [markdown]
# ### The policy-gradient loss from `F.cross_entropy`
#
# `F.cross_entropy(logits, actions, reduction="none")` is $-\log\pi(a_i \mid s_i)$ per
# example. Weighted by (detached) advantages and averaged, it is the actor loss of A2C; minus
# an entropy bonus from `torch.distributions.Categorical`, it is the loss of practice item 3.
# Autograd's gradient with respect to the logits is $-\frac{A_i}{N}(\mathbf{e}_{a_i} -
# \boldsymbol{\pi}_i)$ per row: the cross-entropy gradient scaled by the advantage.

# %% [torch]
logits = torch.tensor(rng.normal(size=(5, 3)), requires_grad=True)
actions = torch.tensor([0, 2, 2, 1, 0])
advantages = torch.tensor([1.0, -0.5, 2.0, 0.0, -1.5], dtype=torch.float64)
per_example = F.cross_entropy(logits, actions, reduction="none")  # -log pi(a_i | s_i)
pg_loss = (advantages.detach() * per_example).mean()
entropy = torch.distributions.Categorical(logits=logits).entropy().mean()
(pg_loss - 0.01 * entropy).backward()

pi = torch.softmax(logits.detach(), dim=1)
onehot = F.one_hot(actions, 3).double()
h_grad = torch.autograd.functional.jacobian(
    lambda z: torch.distributions.Categorical(logits=z).entropy().mean(), logits.detach()
)
formula = -(advantages[:, None] / 5) * (onehot - pi) - 0.01 * h_grad
print(f"policy-gradient loss {pg_loss.item():.4f}, entropy {entropy.item():.4f}")
print("autograd = -(A/N)(onehot - pi) - 0.01 dH/dz:", torch.allclose(logits.grad, formula))
assert torch.allclose(logits.grad, formula)
