# %% [markdown]
# # Activation functions: experiments and the PyTorch version
#
# This notebook goes beyond the page's exercises. You will
#
# 1. plot every activation of the page next to its derivative,
# 2. measure how the gradient reaching the first layer of a deep network depends on the
#    activation (the vanishing-gradient problem, with numbers),
# 3. watch sigmoid units saturate as the input scale grows,
# 4. find where float32 and float64 exponentials overflow, and compare naive and stable softmax,
# 5. explore how the temperature of a softmax policy changes its entropy and its samples,
# 6. kill ReLU units with a bad bias and revive them with leaky ReLU,
# 7. check every NumPy activation and derivative against PyTorch (`torch.relu`,
#    `torch.sigmoid`, `torch.tanh`, `torch.nn.functional.softmax`, autograd),
# 8. train the page's sigmoid neuron by gradient descent, in NumPy and then with PyTorch
#    doing the work (`nn.Linear`, `BCEWithLogitsLoss`, `torch.optim.SGD`),
# 9. learn a softmax policy on a two-armed bandit with the policy gradient, in NumPy and with
#    `torch.optim.Adam`: your first reinforcement learning agent.
#
# Every cell is self-contained: it does not need your exercise solutions. Plots appear when
# matplotlib is available; every experiment also prints its numbers.

# %%
import warnings

import numpy as np

try:
    import matplotlib.pyplot as plt
except ImportError:  # the numbers below are printed either way
    plt = None


def relu(z):
    return np.maximum(z, 0.0)


def relu_grad(z):
    return (z > 0).astype(float)


def sigmoid(z):
    e = np.exp(-np.abs(z))  # never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_grad(z):
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh_grad(z):
    return 1.0 - np.tanh(z) ** 2


def leaky_relu(z, alpha=0.01):
    return np.where(z > 0, z, alpha * z)


def leaky_relu_grad(z, alpha=0.01):
    return np.where(z > 0, 1.0, alpha)


def gelu(z):
    return 0.5 * z * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (z + 0.044715 * z**3)))


def softmax(x, axis=-1):
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(x, axis=-1):
    m = np.max(x, axis=axis, keepdims=True)
    return x - m - np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True))


print("ready; matplotlib", "available" if plt is not None else "not available (numbers only)")

# %% [markdown]
# ## 1. The activations and their derivatives
#
# The derivative of each activation is computed twice: with the formula and with central
# finite differences. The largest disagreement is printed, so you can see that the formulas
# are right (away from ReLU's kink at 0).
#
# **Try:** add the step function. What does its finite-difference derivative look like near 0,
# and why is that useless for gradient descent?

# %%
z = np.linspace(-5, 5, 1001)
eps = 1e-5
table = {
    "sigmoid": (sigmoid, sigmoid_grad),
    "tanh": (np.tanh, tanh_grad),
    "relu": (relu, relu_grad),
    "leaky_relu": (leaky_relu, leaky_relu_grad),
}
away_from_kink = np.abs(z) > 1e-3
for name, (f, df) in table.items():
    numeric = (f(z + eps) - f(z - eps)) / (2 * eps)
    err = np.max(np.abs(numeric - df(z))[away_from_kink])
    print(f"{name:11s} max slope {df(z).max():.3f}   formula vs finite differences: {err:.1e}")

if plt is not None:
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.5))
    for name, (f, df) in table.items():
        axes[0].plot(z, f(z), label=name)
        axes[1].plot(z, df(z), label=name)
    axes[0].plot(z, gelu(z), "--", label="gelu")
    axes[0].set_title("activation f(z)")
    axes[1].set_title("derivative f'(z)")
    for ax in axes:
        ax.axhline(0, color="grey", lw=0.5)
        ax.set_xlabel("z")
        ax.legend()
    plt.show()

# %% [markdown]
# ## 2. Vanishing gradients through depth
#
# Build a deep MLP of equal width, run a batch forward, then send the gradient of
# `sum(output)` backwards by hand: each layer multiplies by the activation's derivative
# (elementwise) and by `W.T`. We record the size (RMS) of the gradient arriving at the input
# of the network. The weights use the scale that suits each activation (`1/sqrt(n)` for
# sigmoid and tanh, `sqrt(2/n)` for ReLU, see page 4), so the only difference is the activation.
#
# **Try:** set `depth = 50`. Then give the sigmoid network the ReLU scale: does it help?


# %%
def input_gradient_rms(activation, grad_fn, depth, width=64, std=None, seed=0):
    """RMS of d sum(output) / d input for a depth-layer MLP with the given activation."""
    rng = np.random.default_rng(seed)
    std = std if std is not None else 1.0 / np.sqrt(width)
    Ws = [rng.normal(0.0, std, size=(width, width)) for _ in range(depth)]
    A = rng.normal(size=(256, width))  # (N, width)
    Zs = []
    for W in Ws:
        Z = A @ W
        Zs.append(Z)
        A = activation(Z)
    G = np.ones_like(A)  # d sum(A) / dA
    for W, Z in zip(reversed(Ws), reversed(Zs)):
        G = (G * grad_fn(Z)) @ W.T  # back through the activation, then the weights
    return float(np.sqrt(np.mean(G**2)))


width = 64
for depth in (2, 5, 10, 20):
    sig = input_gradient_rms(sigmoid, sigmoid_grad, depth)
    tan = input_gradient_rms(np.tanh, tanh_grad, depth)
    rel = input_gradient_rms(relu, relu_grad, depth, std=np.sqrt(2.0 / width))
    print(f"depth {depth:2d}: sigmoid {sig:9.2e}   tanh {tan:9.2e}   relu {rel:9.2e}")

# %% [markdown]
# ## 3. Saturation as the inputs grow
#
# A sigmoid unit is "saturated" when its derivative is below 1% of its maximum (0.0025).
# Feed random pre-activations of growing scale and count the saturated units: this is what
# happens when inputs are not normalised (raw pixel values 0..255, unscaled joint velocities).
#
# **Try:** repeat for tanh with the threshold 0.01. Which activation saturates first?

# %%
rng = np.random.default_rng(3)
for scale in (0.5, 1, 2, 5, 10, 50):
    zs = rng.normal(scale=scale, size=100_000)
    frac = np.mean(sigmoid_grad(zs) < 0.0025)
    print(f"pre-activation std {scale:5}: {100 * frac:5.1f}% of sigmoid units saturated")

# %% [markdown]
# ## 4. Where exponentials overflow, and why the max shift matters
#
# `np.log(np.finfo(dtype).max)` is the largest safe argument of `exp`. PyTorch networks often
# run in float32, where the limit is only about 88.7: a logit of 100 already overflows.
#
# **Try:** compare `softmax_naive` and `softmax` on float16 logits of 12.

# %%
for dtype in (np.float16, np.float32, np.float64):
    print(f"{np.dtype(dtype).name:8s} exp overflows above {np.log(np.finfo(dtype).max):8.2f}")


def softmax_naive(x):
    e = np.exp(x)
    return e / np.sum(e, axis=-1, keepdims=True)


logits = np.array([[1.0, 2.0, 3.0], [100.0, 101.0, 102.0]], dtype=np.float32)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    naive = softmax_naive(logits)
print("naive :", np.array2string(naive, precision=4), f"({len(caught)} warning(s))")
print("stable:", np.array2string(softmax(logits), precision=4))

# %% [markdown]
# ## 5. A softmax policy: temperature, entropy and sampling
#
# The entropy $H(\pi) = -\sum_a \pi(a) \log \pi(a)$ measures how random a policy is: 0 for a
# deterministic policy, $\log K$ for the uniform one. PPO and A3C add an entropy bonus to the
# loss to keep the policy from collapsing too early. Here we compute it with log-softmax
# (finite even when a probability underflows) for several temperatures.
#
# **Try:** make the logits ten times larger (a more confident network). How low must the
# temperature go before the policy is practically greedy?

# %%
logits = np.array([2.0, 1.0, 0.1, -1.0])
rng = np.random.default_rng(0)
print(f"uniform entropy log(4) = {np.log(4):.4f}")
for T in (0.1, 0.5, 1.0, 2.0, 10.0):
    logp = log_softmax(logits / T)
    p = np.exp(logp)
    entropy = -np.sum(p * logp)
    samples = rng.choice(4, size=2000, p=p / p.sum())
    freq = np.array(
        [np.mean(samples == a) for a in range(4)]
    )  # (np.bincount: int64 trouble in Pyodide)
    print(f"T={T:5.1f}  probs {np.round(p, 3)}  entropy {entropy:.4f}  sampled {freq}")

# %% [markdown]
# ## 6. Dead ReLUs and leaky ReLU
#
# Shift the biases of a ReLU layer downwards (as a too-large update can) and count the units
# that output 0 for **every** input of a batch: their gradient is 0 for every input, so
# they never learn again. Leaky ReLU keeps a slope of `alpha` for them.
#
# **Try:** how large must the negative shift be before half of the units are dead?

# %%
rng = np.random.default_rng(5)
X = rng.normal(size=(512, 20))
W = rng.normal(scale=np.sqrt(2 / 20), size=(20, 100))
for shift in (0.0, -1.0, -2.0, -3.0, -5.0):
    Z = X @ W + shift
    dead = np.mean(np.all(relu_grad(Z) == 0, axis=0))
    leaky_signal = np.mean(leaky_relu_grad(Z))
    print(
        f"bias shift {shift:5.1f}: {100 * dead:5.1f}% dead ReLU units;"
        f" mean leaky-ReLU slope {leaky_signal:.3f}"
    )

# %% [markdown]
# ## 7. The same functions in PyTorch
#
# PyTorch ships every activation of this page: `torch.relu`, `torch.sigmoid`, `torch.tanh`,
# `torch.nn.functional.leaky_relu`, `torch.nn.functional.gelu`,
# `torch.nn.functional.softmax` and `log_softmax` (with `dim=` where NumPy says `axis=`), and
# module versions (`torch.nn.ReLU()`, `torch.nn.Softmax(dim=-1)`) for use inside
# `torch.nn.Sequential`. Autograd computes the derivatives, so we can check ours: the
# gradient of `sum(f(x))` with respect to `x` is exactly the elementwise derivative.

# %% [torch]
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

x_np = np.array([[-1e4, -3.0, -0.5, 0.0], [0.5, 2.0, 50.0, 1e4]])
pairs = {
    "relu": (relu, relu_grad, torch.relu),
    "sigmoid": (sigmoid, sigmoid_grad, torch.sigmoid),
    "tanh": (np.tanh, tanh_grad, torch.tanh),
    "leaky_relu": (leaky_relu, leaky_relu_grad, lambda t: F.leaky_relu(t, 0.01)),
}
for name, (f, df, tf) in pairs.items():
    x_t = torch.tensor(x_np, dtype=torch.float64, requires_grad=True)
    y_t = tf(x_t)
    y_t.sum().backward()
    same_value = np.allclose(f(x_np), y_t.detach().numpy())
    same_grad = np.allclose(df(x_np), x_t.grad.numpy())
    print(
        f"{name:11s} value matches torch: {same_value}   derivative matches autograd: {same_grad}"
    )
    assert same_value and same_grad

gelu_t = F.gelu(torch.tensor(x_np), approximate="tanh").numpy()
print("gelu (tanh approximation) matches torch:", np.allclose(gelu(x_np), gelu_t))
assert np.allclose(gelu(x_np), gelu_t)

# %% [torch]
# Softmax and log-softmax along different axes, including logits of 1e4.
rng = np.random.default_rng(1)
logits = rng.normal(size=(3, 5)) * 1e4
for axis in (-1, 0):
    p_t = F.softmax(torch.tensor(logits), dim=axis).numpy()
    lp_t = F.log_softmax(torch.tensor(logits), dim=axis).numpy()
    ok = np.allclose(softmax(logits, axis=axis), p_t) and np.allclose(
        log_softmax(logits, axis=axis), lp_t
    )
    print(f"axis={axis:2d}: softmax and log_softmax match torch: {ok}")
    assert ok

# %% [torch]
# A tiny discrete-action policy head and value head, as in A3C/PPO and DQN:
# logits -> softmax for the actor, a linear output for the Q-values (no activation).
torch.manual_seed(0)
torso = torch.nn.Sequential(torch.nn.Linear(4, 16), torch.nn.Tanh())
actor = torch.nn.Sequential(torch.nn.Linear(16, 3), torch.nn.Softmax(dim=-1))
q_head = torch.nn.Linear(16, 3)  # DQN-style: raw Q-values
obs = torch.tensor(rng.normal(size=(2, 4)))
torso, actor, q_head = torso.double(), actor.double(), q_head.double()
with torch.no_grad():
    h = torso(obs)
    probs_t, q_t = actor(h), q_head(h)


def np_linear(layer, x):
    # torch.nn.Linear stores weight as (out, in): x @ W.T + b
    return x @ layer.weight.detach().numpy().T + layer.bias.detach().numpy()


h_np = np.tanh(np_linear(torso[0], obs.numpy()))
probs_np = softmax(np_linear(actor[0], h_np))
q_np = np_linear(q_head, h_np)
print("policy probabilities:", probs_np.round(4).tolist(), "rows sum to", probs_np.sum(-1))
print("Q-values (unbounded):", q_np.round(4).tolist())
print(
    "NumPy matches torch:", np.allclose(probs_np, probs_t.numpy()), np.allclose(q_np, q_t.numpy())
)
assert np.allclose(probs_np, probs_t.numpy()) and np.allclose(q_np, q_t.numpy())

# %% [markdown]
# ## 8. Learning: one sigmoid neuron, by hand and with PyTorch
#
# The page trains a sigmoid neuron to copy a teacher's push-left/push-right decisions. With the
# cross-entropy loss the gradient with respect to the pre-activation is simply `(p - y) / N`.
# Below, the NumPy loop of the page, then the same model in PyTorch: an `nn.Linear(2, 1)`
# module, `nn.BCEWithLogitsLoss` (sigmoid + cross-entropy in one stable function), autograd
# for the gradients and `torch.optim.SGD` for the update. Starting from the same zero weights
# with the same learning rate, both follow the same path.
#
# **Try:** set `lr = 20`. Then `lr = 0.05`. How many steps does each need to reach 95% accuracy?

# %%
rng = np.random.default_rng(3)
X_bc = rng.normal(size=(200, 2))  # normalised pole angle, angular velocity
y_bc = (X_bc[:, 0] + 0.5 * X_bc[:, 1] > 0).astype(float)  # the teacher's action


def train_neuron_numpy(X, y, lr=2.0, steps=300):
    w, b = np.zeros(X.shape[1]), 0.0
    losses = []
    for _ in range(steps):
        p = sigmoid(X @ w + b)
        losses.append(float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))))
        g = (p - y) / len(y)
        w, b = w - lr * X.T @ g, b - lr * g.sum()
    return w, b, np.array(losses)


w_np, b_np, losses_np = train_neuron_numpy(X_bc, y_bc)
acc = np.mean((sigmoid(X_bc @ w_np + b_np) >= 0.5) == (y_bc == 1))
print(
    f"NumPy: loss {losses_np[0]:.3f} -> {losses_np[-1]:.3f}, accuracy {acc:.2f}, w = {np.round(w_np, 2)}"
)

if plt is not None:
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.plot(losses_np)
    ax.set_xlabel("gradient step")
    ax.set_ylabel("cross-entropy")
    plt.show()

# %% [torch]
import torch  # noqa: E402

neuron = torch.nn.Linear(2, 1).double()
with torch.no_grad():  # start where the NumPy version started
    neuron.weight.zero_()
    neuron.bias.zero_()
loss_fn = torch.nn.BCEWithLogitsLoss()  # mean of -[y log p + (1 - y) log(1 - p)], p = sigmoid(z)
opt = torch.optim.SGD(neuron.parameters(), lr=2.0)
Xt, yt = torch.tensor(X_bc), torch.tensor(y_bc)
losses_t = []
for _ in range(300):
    opt.zero_grad()
    loss = loss_fn(neuron(Xt)[:, 0], yt)
    loss.backward()  # autograd: d loss / d weight and d loss / d bias
    opt.step()  # w <- w - lr * grad
    losses_t.append(loss.item())
w_t = neuron.weight.detach().numpy()[0]
print(f"PyTorch: loss {losses_t[0]:.3f} -> {losses_t[-1]:.3f}, w = {np.round(w_t, 2)}")
print("same loss curve as NumPy:", np.allclose(losses_t, losses_np))
assert np.allclose(losses_t, losses_np) and np.allclose(w_t, w_np)

# %% [markdown]
# ## 9. A two-armed bandit with a softmax policy
#
# Reinforcement learning without states: a slot machine with two arms. Arm 0 pays a reward
# drawn from N(0.2, 1), arm 1 from N(0.5, 1); the agent does not know this. Its policy is a
# softmax over two logits $\theta$. After pulling arm $a$ and receiving reward $r$, the
# **policy gradient** (REINFORCE) moves the logits along $r \,\nabla_\theta \log \pi(a)$, and
# for a softmax $\nabla_\theta \log \pi(a) = \mathbf{e}_a - \pi$ (one-hot of the action minus
# the probabilities). Subtracting a running average of rewards (a *baseline*) from $r$ keeps
# the update unbiased and makes it much less noisy. This is the update A3C and PPO apply to
# their softmax heads, with a network producing the logits.
#
# **Try:** remove the baseline (`baseline = 0.0` always). How much noisier is the learning?


# %%
def run_bandit(steps=2000, lr=0.1, seed=0):
    rng = np.random.default_rng(seed)
    means = np.array([0.2, 0.5])
    theta = np.zeros(2)  # logits of the policy
    baseline = 0.0
    history = []
    for _ in range(steps):
        pi = softmax(theta)
        a = int(rng.choice(2, p=pi))
        r = rng.normal(means[a], 1.0)
        grad_log_pi = np.eye(2)[a] - pi  # d log softmax(theta)[a] / d theta
        theta = theta + lr * (r - baseline) * grad_log_pi  # gradient *ascent* on return
        baseline += 0.05 * (r - baseline)
        history.append(pi[1])
    return theta, np.array(history)


theta, p_arm1 = run_bandit()
for t in (0, 250, 500, 1000, 1999):
    print(f"step {t:4d}: P(better arm) = {p_arm1[t]:.3f}")

if plt is not None:
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.plot(p_arm1)
    ax.set_xlabel("pull")
    ax.set_ylabel("P(arm 1)")
    plt.show()

# %% [markdown]
# The same agent in PyTorch: the logits are an `nn.Parameter`, the loss is
# $-(r - b) \log \pi(a)$ (minimising it is ascending the policy gradient), and autograd
# computes $\mathbf{e}_a - \pi$ for us through `log_softmax`.

# %% [torch]
torch.manual_seed(0)
rng = np.random.default_rng(1)
logits = torch.nn.Parameter(torch.zeros(2, dtype=torch.float64))
opt = torch.optim.Adam([logits], lr=0.05)
baseline, means = 0.0, np.array([0.2, 0.5])
for _step in range(2000):
    log_pi = torch.log_softmax(logits, dim=0)
    a = int(rng.choice(2, p=log_pi.exp().detach().numpy()))
    r = float(rng.normal(means[a], 1.0))
    loss = -(r - baseline) * log_pi[a]
    opt.zero_grad()
    loss.backward()
    opt.step()
    baseline += 0.05 * (r - baseline)
p_final = torch.softmax(logits, dim=0).detach().numpy()
print("PyTorch policy after 2000 pulls:", np.round(p_final, 3))
assert p_final[1] > 0.8, "the agent should prefer the better arm"
