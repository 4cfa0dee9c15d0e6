# %% [markdown]
# # The DQN network, and a DQN agent that learns CartPole
#
# This notebook goes beyond the page's exercises in two directions.
#
# 1. **The network.** The full Nature DQN in NumPy (preprocessing, frame stack, three
#    convolutions, two dense layers) on frames of the page's Pong-like game, then the same
#    network built from `torch.nn`, with the weights copied across: the two give the same
#    Q-values, and `sum(p.numel())` agrees with the parameter count.
# 2. **Beyond the network.** A complete DQN agent (replay buffer, $\varepsilon$-greedy
#    exploration, a target network with soft updates, the Huber loss) trained on
#    Gymnasium's `CartPole-v1`. Its Q-network is a small MLP written with NumPy functions
#    like the ones of pages 5 to 8 (forward pass, backward pass, Adam). Beside it, the same
#    agent in PyTorch, and a plot of the episode returns of both.
#
# The cells define their own functions, named `np_...`, so they do not overwrite your
# exercise solutions. Where a cell says **Try**, change a setting and run it again. Two
# **Try** cells run your own functions instead of the notebook's: one compares your
# `dqn_forward` with `np_dqn_forward`, the other trains the CartPole agent with any of your
# `mlp_forward`, `mlp_backward` (pages 5 and 7), `adam_step` (page 8), `epsilon_greedy` and
# `soft_update`. Their lines are commented out, so the notebook runs top to bottom as it is;
# uncomment them once your functions are defined.
#
# **How long it takes.** The NumPy training run (120 episodes, about 8,000 environment
# steps and as many gradient updates) took about 5 s in CPython on a quiet 2-core machine,
# and about 20 s in the browser's JupyterLite (Chromium on the same machine; Pyodide's NumPy
# has no BLAS and pays more for every small operation); with `EPISODES = 30` it takes about
# half a second there. A busy machine takes two to four times as long. It prints its
# progress every 20 episodes. Both runtimes produce exactly the same returns from the same
# seed. The PyTorch cells only run in a local Jupyter.

# %%
import time

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

try:
    import matplotlib.pyplot as plt
except ImportError:  # the numbers below are printed either way
    plt = None

print("ready; matplotlib", "available" if plt is not None else "not available (numbers only)")

# %% [markdown]
# ## 1. The Nature DQN in NumPy
#
# The frames come from the page's Pong-like game, drawn with NumPy. `np_preprocess` and
# `np_stack` are the page's `preprocess_frame` and `stack_frames`; `np_conv2d` is the
# vectorised convolution the `dqn_forward` exercise gives you (page 11's
# `conv2d_forward` without padding). The parameters are He-initialised (page 4) in the
# layouts of the exercises: convolution weights `(F, C, KH, KW)`, dense weights `(in, out)`.


# %%
def pong_frame(ball_y, ball_x, paddle_y=100):
    """A Pong-like Atari frame: uint8 RGB of shape (210, 160, 3)."""
    frame = np.zeros((210, 160, 3), dtype=np.uint8)
    frame[:, :] = (144, 72, 17)
    frame[24:34, :] = (236, 236, 236)
    frame[194:210, :] = (236, 236, 236)
    frame[80:96, 16:20] = (213, 130, 74)
    frame[paddle_y : paddle_y + 16, 140:144] = (92, 186, 92)
    frame[ball_y : ball_y + 4, ball_x : ball_x + 3] = (236, 236, 236)
    return frame


def np_preprocess(frame):
    rgb = frame.astype(np.float64)
    gray = 0.299 * rgb[:, :, 0] + 0.587 * rgb[:, :, 1] + 0.114 * rgb[:, :, 2]
    small = gray[np.arange(84) * 210 // 84][:, np.arange(84) * 160 // 84]
    return (small / 255.0).astype(np.float32)


def np_stack(stack, frame, k=4):
    if stack is None:
        return np.stack([frame] * k)
    return np.concatenate([stack[1:], frame[None]], axis=0)


def np_conv2d(x, w, b, stride=1):
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    windows = sliding_window_view(x, (KH, KW), axis=(2, 3))[:, :, ::stride, ::stride]
    OH, OW = windows.shape[2], windows.shape[3]
    cols = windows.transpose(0, 2, 3, 1, 4, 5).reshape(N * OH * OW, C * KH * KW)
    out = cols @ w.reshape(F, C * KH * KW).T
    return out.reshape(N, OH, OW, F).transpose(0, 3, 1, 2) + b.reshape(1, F, 1, 1)


def np_dqn_forward(obs, params):
    h = obs
    for i, stride in ((1, 4), (2, 2), (3, 1)):
        h = np.maximum(np_conv2d(h, params[f"conv{i}_w"], params[f"conv{i}_b"], stride), 0.0)
    h = h.reshape(h.shape[0], -1)  # (N, 3136), C order
    h = np.maximum(h @ params["fc1_w"] + params["fc1_b"], 0.0)
    return h @ params["fc2_w"] + params["fc2_b"]


def init_dqn(n_actions, rng, frame_stack=4):
    shapes = {
        "conv1_w": (32, frame_stack, 8, 8), "conv2_w": (64, 32, 4, 4), "conv3_w": (64, 64, 3, 3),
        "fc1_w": (3136, 512), "fc2_w": (512, n_actions),
    }  # fmt: skip
    params = {}
    for name, shape in shapes.items():
        fan_in = int(np.prod(shape[1:])) if len(shape) == 4 else shape[0]
        params[name] = rng.normal(0.0, np.sqrt(2.0 / fan_in), size=shape)
        params[name.replace("_w", "_b")] = np.zeros(shape[0] if len(shape) == 4 else shape[1])
    return params


rng = np.random.default_rng(0)
params = init_dqn(6, rng)  # Pong has 6 actions
state = None
for t in range(4):  # the ball moves right and down
    state = np_stack(state, np_preprocess(pong_frame(54 + 3 * t, 28 + 6 * t)))
start = time.perf_counter()
q = np_dqn_forward(state[None], params)
elapsed = time.perf_counter() - start
print("state", state.shape, state.dtype, "-> Q-values", q.shape)
print("Q(s, .) of an untrained network:", np.round(q[0], 3))
print(f"parameters: {sum(p.size for p in params.values()):,} (6 actions)")
print(f"one forward pass: {1000 * elapsed:.0f} ms")

# %% [markdown]
# **Try: your `dqn_forward`.** The exercise cell at the top of this notebook defines your
# `dqn_forward` (and the `conv2d` it is given). Once it passes its check, uncomment the
# cell below: with the same parameters it must give the same Q-values as `np_dqn_forward`,
# up to rounding.

# %%
# q_yours = dqn_forward(state[None], params)
# print("your Q-values:", np.round(q_yours[0], 3))
# print("largest difference from np_dqn_forward:", float(np.max(np.abs(q_yours - q))))

# %% [figure] p13-architecture

# %% [markdown]
# The same network in PyTorch. `nn.Conv2d.weight` has the layout `(F, C, KH, KW)`, like
# ours; `nn.Linear.weight` is `(out, in)`, so the dense weights are transposed on the way.
# With the same weights, the two networks must give the same Q-values up to rounding (the
# sums are done in a different order), for any batch.
#
# **Try:** flatten channels last in `np_dqn_forward` (`h.transpose(0, 2, 3, 1)` before the
# reshape) and run this cell again: the shapes still fit, the values do not.


# %% [torch]
import torch  # noqa: E402 - a notebook cell imports what it needs
import torch.nn as nn  # noqa: E402


def nature_dqn(n_actions, frame_stack=4):
    return nn.Sequential(
        nn.Conv2d(frame_stack, 32, kernel_size=8, stride=4), nn.ReLU(),
        nn.Conv2d(32, 64, kernel_size=4, stride=2), nn.ReLU(),
        nn.Conv2d(64, 64, kernel_size=3, stride=1), nn.ReLU(),
        nn.Flatten(),
        nn.Linear(3136, 512), nn.ReLU(),
        nn.Linear(512, n_actions),
    )  # fmt: skip


def numpy_params_from(net):
    """The torch network's weights in the exercises' layouts."""
    convs = [m for m in net if isinstance(m, nn.Conv2d)]
    linears = [m for m in net if isinstance(m, nn.Linear)]
    out = {}
    for i, conv in enumerate(convs, start=1):
        out[f"conv{i}_w"] = conv.weight.detach().double().numpy().copy()
        out[f"conv{i}_b"] = conv.bias.detach().double().numpy().copy()
    for i, lin in enumerate(linears, start=1):
        out[f"fc{i}_w"] = lin.weight.detach().double().numpy().T.copy()  # (in, out)
        out[f"fc{i}_b"] = lin.bias.detach().double().numpy().copy()
    return out


torch.manual_seed(0)
net = nature_dqn(6).double()
obs = torch.from_numpy(np.stack([state, state[::-1].copy()]).astype(np.float64))  # a batch of 2
with torch.no_grad():  # acting needs no gradients (page 5)
    q_torch = net(obs).numpy()
q_numpy = np_dqn_forward(obs.numpy(), numpy_params_from(net))
print("torch:", np.round(q_torch, 5))
print("numpy:", np.round(q_numpy, 5))
print("largest difference:", float(np.max(np.abs(q_torch - q_numpy))))
assert np.allclose(q_torch, q_numpy, rtol=1e-9, atol=1e-12)
n4 = sum(p.numel() for p in nature_dqn(4).parameters())
print(f"parameters with 4 actions: {n4:,}")
assert n4 == 1_686_180

# %% [markdown]
# PyTorch is not only a checker here. One DQN update on a random minibatch shows the parts
# of page 6 to 8 in PyTorch: the target network is a `copy.deepcopy` that runs under
# `torch.no_grad()` (so no gradient flows into the target: the semi-gradient of page 7),
# the loss is `smooth_l1_loss` (the Huber loss), and `torch.optim` takes the step.

# %% [torch]
import copy  # noqa: E402

import torch.nn.functional as F  # noqa: E402

online = nature_dqn(6)
target = copy.deepcopy(online)  # separate tensors: a real copy
optimizer = torch.optim.Adam(online.parameters(), lr=1e-4)
g = torch.Generator().manual_seed(1)
s, s_next = torch.rand(32, 4, 84, 84, generator=g), torch.rand(32, 4, 84, 84, generator=g)
a = torch.randint(0, 6, (32,), generator=g)
r = torch.randint(-1, 2, (32,), generator=g).float()  # clipped rewards in {-1, 0, 1}
done = (torch.rand(32, generator=g) < 0.1).float()
for step in range(3):
    with torch.no_grad():
        y = r + 0.99 * (1 - done) * target(s_next).max(dim=1).values
    q_sa = online(s).gather(1, a[:, None])[:, 0]  # Q(s_i, a_i)
    loss = F.smooth_l1_loss(q_sa, y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    print(f"update {step}: Huber loss {loss.item():.5f}")
same = all(torch.equal(p, q) for p, q in zip(online.parameters(), target.parameters()))
print("target still equal to online after 3 updates:", same)

# %% [figure] p13-preprocessing

# %% [markdown]
# ## 2. Beyond the network: DQN on CartPole
#
# Training the Nature DQN takes tens of millions of frames on a GPU. The *algorithm* does
# not depend on the network, so we run it on a problem that trains in seconds:
# `CartPole-v1`, where a state is 4 numbers (cart position and velocity, pole angle and
# angular velocity), there are 2 actions (push left, push right), and every step the pole
# stays up earns a reward of 1, up to 500 steps.
#
# The environment is Gymnasium's `CartPole-v1`, in the browser too. Beside it, the next cell
# defines `NumpyCartPole`, a few lines of NumPy with the same dynamics (Euler integration,
# the same thresholds, the same 500-step limit, the same random start from the same seed):
# it shows that there is no magic in the environment, and it stands in for Gymnasium in a
# local Jupyter that does not have it (`pip install gymnasium`).


# %%
class NumpyCartPole:
    """CartPole-v1 as Gymnasium defines it: same dynamics, limits, reset and seeding."""

    gravity, masscart, masspole, length, force_mag, tau = 9.8, 1.0, 0.1, 0.5, 10.0, 0.02
    theta_threshold, x_threshold, max_steps = 12 * 2 * np.pi / 360, 2.4, 500

    def __init__(self):
        self.rng = np.random.default_rng()
        self.state = None

    def reset(self, *, seed=None):
        if seed is not None:
            self.rng = np.random.default_rng(seed)  # what Gymnasium's seeding does
        self.state = self.rng.uniform(-0.05, 0.05, size=(4,))
        self.steps = 0
        return np.array(self.state, dtype=np.float32), {}

    def step(self, action):
        x, x_dot, theta, theta_dot = self.state
        force = self.force_mag if action == 1 else -self.force_mag
        total_mass = self.masscart + self.masspole
        polemass_length = self.masspole * self.length
        cos, sin = np.cos(theta), np.sin(theta)
        temp = (force + polemass_length * np.square(theta_dot) * sin) / total_mass
        thetaacc = (self.gravity * sin - cos * temp) / (
            self.length * (4.0 / 3.0 - self.masspole * np.square(cos) / total_mass)
        )
        xacc = temp - polemass_length * thetaacc * cos / total_mass
        x, x_dot = x + self.tau * x_dot, x_dot + self.tau * xacc
        theta, theta_dot = theta + self.tau * theta_dot, theta_dot + self.tau * thetaacc
        self.state = np.array((x, x_dot, theta, theta_dot), dtype=np.float64)
        self.steps += 1
        terminated = bool(abs(x) > self.x_threshold or abs(theta) > self.theta_threshold)
        truncated = self.steps >= self.max_steps and not terminated
        return np.array(self.state, dtype=np.float32), 1.0, terminated, truncated, {}


# %% [markdown]
# **Gymnasium in the browser.** The site's JupyterLite ships Gymnasium and its pure-Python
# dependencies (`cloudpickle`, `farama-notifications`, `typing_extensions`) with its own
# Pyodide, so `import gymnasium` loads them from the site, never from PyPI. One shim is
# needed first. Pyodide runs in a single browser thread with no processes, so its standard
# library has no `_multiprocessing` (the C half of `multiprocessing`). Gymnasium imports
# `multiprocessing.synchronize` for `AsyncVectorEnv` (many environments, one subprocess
# each), and that module reads `SemLock` and `sem_unlink` from `_multiprocessing` when it is
# imported. In the browser only, the cell below puts a stub `_multiprocessing` in
# `sys.modules` with those two names: importing works, and anything that really needs a
# process (a semaphore, an `AsyncVectorEnv`) raises `OSError` instead. A single CartPole
# never starts a process, so it behaves exactly as in CPython: the cell checks that it
# agrees with `NumpyCartPole` step for step.


# %%
import sys  # noqa: E402
import types  # noqa: E402


def install_multiprocessing_stub():
    """Pyodide only: a `_multiprocessing` module that can be imported but not used."""

    def unavailable(*args, **kwargs):
        raise OSError("multiprocessing is unavailable: Pyodide (the browser) has no processes")

    class SemLock:
        SEM_VALUE_MAX = 2**31 - 1  # read by multiprocessing.synchronize when imported

        def __init__(self, *args, **kwargs):
            unavailable()

    stub = types.ModuleType("_multiprocessing", "A stub: Pyodide has no processes.")
    stub.SemLock, stub.sem_unlink = SemLock, unavailable
    sys.modules["_multiprocessing"] = stub


if sys.platform == "emscripten" and "_multiprocessing" not in sys.modules:
    install_multiprocessing_stub()

try:
    import gymnasium

    def make_env():
        return gymnasium.make("CartPole-v1")

    source = f"Gymnasium {gymnasium.__version__}"
except ImportError:  # a local Jupyter without Gymnasium
    gymnasium = None
    make_env = NumpyCartPole
    source = "NumpyCartPole (Gymnasium is not installed here: pip install gymnasium)"
print("environment:", source)

if gymnasium is not None:  # the two must agree step for step
    ours, theirs = NumpyCartPole(), make_env()
    a_obs, _ = ours.reset(seed=3)
    b_obs, _ = theirs.reset(seed=3)
    agree = bool(np.array_equal(a_obs, b_obs))
    check_rng = np.random.default_rng(0)
    for _ in range(300):
        action = int(check_rng.integers(2))
        a_out, b_out = ours.step(action), theirs.step(action)
        agree = agree and np.array_equal(a_out[0], b_out[0]) and a_out[1:4] == b_out[1:4]
        if a_out[2] or a_out[3]:
            a_obs, _ = ours.reset()
            b_obs, _ = theirs.reset()
            agree = agree and bool(np.array_equal(a_obs, b_obs))
    print("NumpyCartPole and Gymnasium agree on 300 random steps:", agree)
    assert agree

# %% [markdown]
# ### The agent, from NumPy functions
#
# The Q-network is an MLP `4 -> 64 -> 64 -> 2` (page 4's CartPole network) as a list of
# `(W, b)` pairs. Each piece has the signature of the course's exercise, so yours can take
# its place:
#
# | notebook's function | your exercise | convention |
# | --- | --- | --- |
# | `np_mlp_forward(X, params)` | `mlp_forward` (page 5) | `params` a list of `(W, b)`; returns `(out, cache)` |
# | `np_mlp_backward(dout, cache, params)` | `mlp_backward` (page 7) | returns a list of `(dW, db)` |
# | `np_adam(params, grads, m, v, t, lr=...)` | `adam_step` (page 8) | flat lists `[W1, b1, W2, b2, W3, b3]` |
# | `np_epsilon_greedy(q_values, epsilon, rng)` | `epsilon_greedy` (this page) | `q_values` of one state, shape `(A,)` |
# | `np_soft_update(target, online, tau)` | `soft_update` (this page) | dicts `{"W1": ..., "b1": ..., ...}` |
#
# The network lives as `(W, b)` pairs; `flatten` and `pair_up` convert to and from page 8's
# flat lists, `as_dict` and `from_dict` to and from the dicts of `soft_update`. The
# training loop is the page's algorithm with CartPole in place of Atari:
#
# - $\varepsilon$ falls linearly from 1.0 to 0.05 over the first 3,000 steps;
# - every transition goes into a replay buffer of 10,000; from step 500 on, every step
#   samples a minibatch of 64 and takes one Adam step on the Huber loss of the TD errors;
# - the TD targets come from a target network, updated softly with $\tau = 0.01$ after
#   every update;
# - the target uses `terminated` (the pole fell), not `truncated` (500 steps reached): a
#   time limit is not a terminal state of the task, so its value is still bootstrapped.
#
# The gradient of the Huber loss with respect to $Q(s_i, a_i)$ is the TD error clipped to
# $[-1, 1]$, divided by the batch size; it enters the network only through the column of
# the action taken (page 7's DQN gradient).


# %%
def np_init_mlp(sizes, rng):
    return [
        (rng.normal(0.0, np.sqrt(2.0 / n_in), (n_in, n_out)), np.zeros(n_out))
        for n_in, n_out in zip(sizes[:-1], sizes[1:])
    ]


def np_mlp_forward(X, params):
    cache, A = [], X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        cache.append((A, Z))
        A = np.maximum(Z, 0.0) if i < len(params) - 1 else Z  # linear output
    return A, cache


def np_mlp_backward(dout, cache, params):
    grads = [None] * len(params)
    for i in reversed(range(len(params))):
        A_in, Z = cache[i]
        if i < len(params) - 1:
            dout = dout * (Z > 0)  # back through the ReLU
        grads[i] = (A_in.T @ dout, dout.sum(axis=0))
        dout = dout @ params[i][0].T
    return grads


def np_adam(params, grads, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    """Page 8's adam_step: flat lists of arrays in, new flat lists out."""
    new_p, new_m, new_v = [], [], []
    for p, g, mi, vi in zip(params, grads, m, v):
        mi = beta1 * mi + (1 - beta1) * g
        vi = beta2 * vi + (1 - beta2) * g * g
        new_p.append(p - lr * (mi / (1 - beta1**t)) / (np.sqrt(vi / (1 - beta2**t)) + eps))
        new_m.append(mi)
        new_v.append(vi)
    return new_p, new_m, new_v


def np_epsilon_greedy(q_values, epsilon, rng):
    if rng.random() < epsilon:  # explore: uniform over all actions
        return int(rng.integers(len(q_values)))
    return int(np.argmax(q_values))  # exploit


def np_soft_update(target, online, tau):
    return {key: tau * online[key] + (1 - tau) * target[key] for key in target}


def flatten(pairs):
    """[(W1, b1), (W2, b2), ...] -> [W1, b1, W2, b2, ...], page 8's lists of arrays."""
    return [a for pair in pairs for a in pair]


def pair_up(flat):
    """[W1, b1, W2, b2, ...] -> [(W1, b1), (W2, b2), ...]."""
    return list(zip(flat[0::2], flat[1::2]))


def as_dict(pairs):
    """[(W1, b1), ...] -> {"W1": W1, "b1": b1, ...}, the dicts of soft_update."""
    return {f"{k}{i}": a for i, pair in enumerate(pairs, start=1) for k, a in zip("Wb", pair)}


def from_dict(arrays, n_layers):
    """{"W1": W1, "b1": b1, ...} -> [(W1, b1), ...]."""
    return [(arrays[f"W{i}"], arrays[f"b{i}"]) for i in range(1, n_layers + 1)]


def train_numpy_dqn(
    make_env, episodes=120, seed=0, hidden=64, lr=1e-3, gamma=0.99, batch_size=64,
    buffer_size=10_000, learning_starts=500, eps_end=0.05, eps_decay_steps=3_000, tau=0.01,
    log_every=None, forward=np_mlp_forward, backward=np_mlp_backward, adam=np_adam,
    choose=np_epsilon_greedy, soft=np_soft_update,
):  # fmt: skip
    """Train a DQN agent with a NumPy MLP; return the list of episode returns.

    forward, backward, adam, choose and soft are the five pieces of the table above; pass
    your own functions to train with them.
    """
    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    env = make_env()
    online = np_init_mlp([4, hidden, hidden, 2], rng)
    target = [(W.copy(), b.copy()) for W, b in online]  # a copy, not the same arrays
    m = [np.zeros_like(a) for a in flatten(online)]  # Adam's moments, as flat lists
    v = [np.zeros_like(a) for a in flatten(online)]
    obs_buf, next_buf = np.zeros((buffer_size, 4)), np.zeros((buffer_size, 4))
    act_buf = np.zeros(buffer_size, dtype=np.int64)
    rew_buf, term_buf = np.zeros(buffer_size), np.zeros(buffer_size)
    size = pos = steps = updates = 0
    rows = np.arange(batch_size)
    returns = []
    obs, _ = env.reset(seed=seed)
    for episode in range(episodes):
        if episode:
            obs, _ = env.reset()
        total, done = 0.0, False
        while not done:
            epsilon = 1.0 + min(steps / eps_decay_steps, 1.0) * (eps_end - 1.0)
            q, _ = forward(obs[None].astype(np.float64), online)  # a batch of one state
            action = choose(q[0], epsilon, rng)
            next_obs, reward, terminated, truncated, _ = env.step(action)
            obs_buf[pos], act_buf[pos], rew_buf[pos] = obs, action, reward
            next_buf[pos], term_buf[pos] = next_obs, float(terminated)
            pos, size = (pos + 1) % buffer_size, min(size + 1, buffer_size)
            obs, total, steps = next_obs, total + reward, steps + 1
            done = terminated or truncated
            if steps < learning_starts:
                continue
            idx = rng.integers(0, size, size=batch_size)  # uniform replay
            q_next, _ = forward(next_buf[idx], target)  # its cache is not used: no backward
            y = rew_buf[idx] + gamma * (1.0 - term_buf[idx]) * q_next.max(axis=1)
            q, cache = forward(obs_buf[idx], online)
            td_error = q[rows, act_buf[idx]] - y
            dout = np.zeros_like(q)
            dout[rows, act_buf[idx]] = np.clip(td_error, -1.0, 1.0) / batch_size  # Huber
            updates += 1
            grads = backward(dout, cache, online)
            flat, m, v = adam(flatten(online), flatten(grads), m, v, updates, lr=lr)
            online = pair_up(flat)
            target = from_dict(soft(as_dict(target), as_dict(online), tau), len(online))
        returns.append(total)
        if log_every and (episode + 1) % log_every == 0:
            print(
                f"episodes {episode + 2 - log_every:3d}-{episode + 1:3d}: mean return "
                f"{np.mean(returns[-log_every:]):6.1f}   ({steps:,} steps, "
                f"{time.perf_counter() - started:.0f} s)"
            )
    return returns


# %% [markdown]
# Train it. With seed 0 the returns stay around 20 (random play: the pole falls after a
# couple of dozen steps) for the first 60 episodes, while $\varepsilon$ decays and the
# buffer fills, then climb past 100 within a few episodes.
#
# **Try:** `tau=1.0` (no target network at all: the target is the online network after
# every update), `eps_decay_steps=20_000` (too slow a decay for 120 episodes), or other
# seeds. DQN is sensitive to all three, which is why papers report several seeds.

# %%
# The length of the training runs below (NumPy and PyTorch). Set it to 20 or so for a quick
# look at the loop: too few episodes to learn, so the next cell then prints every return.
EPISODES = 120

# %%
start = time.perf_counter()
returns_np = train_numpy_dqn(make_env, episodes=EPISODES, seed=0, log_every=20)
seconds_np = time.perf_counter() - start
print(f"{EPISODES} episodes, {int(sum(returns_np)):,} steps in {seconds_np:.1f} s ({source})")
if EPISODES >= 100:
    assert np.mean(returns_np[-20:]) > 2 * np.mean(returns_np[:20]), "the agent did not learn"
else:  # a short run ends before epsilon has decayed: show the returns, judge nothing
    print("episode returns:", [int(r) for r in returns_np])

# %% [markdown]
# **Try: the agent with your functions.** `dqn_forward`, `epsilon_greedy` and `soft_update`
# are defined by this notebook's exercise cells at the top; paste your `mlp_forward`
# (page 5), `mlp_backward` (page 7) and `adam_step` (page 8) into a new cell above this one.
# Then uncomment the cell below, keeping only the arguments of the functions you have: each
# one you leave out stays the notebook's own. With correct functions the agent learns as
# well, but its returns need not be identical to the run above: your functions may round
# differently in the last digit (or draw their random numbers in another order), and
# training amplifies any difference. A wrong one usually shows as an agent that never
# learns.

# %%
# returns_yours = train_numpy_dqn(
#     make_env, episodes=EPISODES, seed=0, log_every=20,
#     forward=mlp_forward,  # page 5
#     backward=mlp_backward,  # page 7
#     adam=adam_step,  # page 8
#     choose=epsilon_greedy,  # this page
#     soft=soft_update,  # this page
# )
# print("the same returns as the notebook's functions:", returns_yours == returns_np)
# print(f"mean return, last 20 episodes: {np.mean(returns_yours[-20:]):.1f} (yours), "
#       f"{np.mean(returns_np[-20:]):.1f} (notebook)")

# %% [markdown]
# ### The same agent in PyTorch
#
# The same algorithm and settings with PyTorch doing the network work: an `nn.Sequential`
# MLP, `torch.optim.Adam`, `F.smooth_l1_loss` for the Huber loss (with its default
# $\beta = 1$ its gradient is the clipped TD error over the batch size, as above), a target
# network made with `copy.deepcopy` and updated softly in place under `torch.no_grad()`.
# The replay buffer and exploration keep using NumPy. The two agents do not produce the
# same returns (PyTorch initialises its layers differently, and training amplifies any
# difference). Do not be surprised if one curve climbs and then falls back: a DQN agent
# that plays well for a while fills its buffer with good transitions only, can forget what
# bad states look like, and collapse. Longer runs, a larger buffer, a smaller learning rate
# and, above all, several seeds are the usual answers.


# %% [torch]
# A network this small is fastest on one thread: with several, PyTorch spends more time
# handing tiny matrix products between threads than computing them.
torch.set_num_threads(1)


def train_torch_dqn(
    make_env, episodes=120, seed=0, hidden=64, lr=1e-3, gamma=0.99, batch_size=64,
    buffer_size=10_000, learning_starts=500, eps_end=0.05, eps_decay_steps=3_000, tau=0.01,
):  # fmt: skip
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    env = make_env()
    online = nn.Sequential(
        nn.Linear(4, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, 2)
    )  # fmt: skip
    target = copy.deepcopy(online)
    optimizer = torch.optim.Adam(online.parameters(), lr=lr)
    obs_buf = np.zeros((buffer_size, 4), dtype=np.float32)
    next_buf = np.zeros((buffer_size, 4), dtype=np.float32)
    act_buf = np.zeros(buffer_size, dtype=np.int64)
    rew_buf = np.zeros(buffer_size, dtype=np.float32)
    term_buf = np.zeros(buffer_size, dtype=np.float32)
    size = pos = steps = 0
    returns = []
    obs, _ = env.reset(seed=seed)
    for episode in range(episodes):
        if episode:
            obs, _ = env.reset()
        total, done = 0.0, False
        while not done:
            epsilon = 1.0 + min(steps / eps_decay_steps, 1.0) * (eps_end - 1.0)
            if rng.random() < epsilon:
                action = int(rng.integers(2))
            else:
                with torch.no_grad():
                    action = int(online(torch.from_numpy(obs[None])).argmax(dim=1)[0])
            next_obs, reward, terminated, truncated, _ = env.step(action)
            obs_buf[pos], act_buf[pos], rew_buf[pos] = obs, action, reward
            next_buf[pos], term_buf[pos] = next_obs, float(terminated)
            pos, size = (pos + 1) % buffer_size, min(size + 1, buffer_size)
            obs, total, steps = next_obs, total + reward, steps + 1
            done = terminated or truncated
            if steps < learning_starts:
                continue
            idx = rng.integers(0, size, size=batch_size)
            s, a = torch.from_numpy(obs_buf[idx]), torch.from_numpy(act_buf[idx])
            r, s2 = torch.from_numpy(rew_buf[idx]), torch.from_numpy(next_buf[idx])
            term = torch.from_numpy(term_buf[idx])
            with torch.no_grad():
                y = r + gamma * (1 - term) * target(s2).max(dim=1).values
            q_sa = online(s).gather(1, a[:, None])[:, 0]
            loss = F.smooth_l1_loss(q_sa, y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            with torch.no_grad():  # soft update, in place on the target's own tensors
                for p_t, p in zip(target.parameters(), online.parameters()):
                    p_t.mul_(1 - tau).add_(tau * p)
        returns.append(total)
    return returns


start = time.perf_counter()
returns_torch = train_torch_dqn(make_env, episodes=EPISODES, seed=0)
print(f"PyTorch: {EPISODES} episodes, {int(sum(returns_torch)):,} steps in "
      f"{time.perf_counter() - start:.1f} s")  # fmt: skip
for first in range(0, EPISODES, 20):
    chunk = returns_torch[first : first + 20]
    print(f"episodes {first + 1:3d}-{first + 20:3d}: mean return {np.mean(chunk):6.1f}")

# %% [markdown]
# ### Episode returns
#
# Each point is one episode; the thick line is the mean of the last 10. Expect a flat
# stretch of random play, a fast rise once $\varepsilon$ is small and the Q-values start
# to make sense, and then noisy progress, with the occasional collapse: RL learning curves
# are far less smooth than supervised ones.


# %%
def moving_average(values, width=10):
    values = np.asarray(values, dtype=float)
    return np.array([values[max(0, i - width + 1) : i + 1].mean() for i in range(len(values))])


curves = {"NumPy MLP": returns_np}
try:
    curves["PyTorch"] = returns_torch
except NameError:  # the PyTorch cell does not run in the browser
    pass
if plt is not None:
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for (name, values), colour in zip(curves.items(), ("#1f5fa8", "#d55e00")):
        ax.plot(values, ".", color=colour, alpha=0.35)
        ax.plot(moving_average(values), color=colour, linewidth=2.2, label=name)
    ax.set_xlabel("episode")
    ax.set_ylabel("return (steps the pole stayed up)")
    ax.set_title("DQN on CartPole-v1, seed 0")
    ax.legend()
    plt.show()
for name, values in curves.items():
    print(
        f"{name}: first 20 episodes {np.mean(values[:20]):.1f}, last 20 {np.mean(values[-20:]):.1f}"
    )

# %% [figure] p13-target-updates

# %% [figure] p13-epsilon-schedule

# %% [markdown]
# ## What to take away
#
# - The Nature DQN is a handful of lines once the layers exist; what makes it *DQN* is the
#   loop around it: replay, $\varepsilon$-greedy, a target network, the Huber loss.
# - The NumPy network and the `torch.nn` network agree to rounding with the same weights,
#   as long as the layouts (`(in, out)` vs `(out, in)`) and the flatten order agree.
# - The same loop trains a CartPole agent in seconds. Swap the MLP for the convolutional
#   network, the state for a frame stack and the environment for an Atari game, and you
#   have the 2015 agent, minus a GPU and a few days.
