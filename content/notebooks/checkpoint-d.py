# %% [markdown]
# # Checkpoint D: the DQN network and one update, in NumPy and in PyTorch
#
# This notebook extends the checkpoint's two code items. You will
#
# 1. time two correct ways of writing D.1's convolution on the full network, and see why
#    the layer sizes must come from the arrays (the same code runs 84x84 and 44x44 stacks),
# 2. find the receptive field of a conv3 unit by experiment: change one pixel and see
#    which outputs move,
# 3. build the same network with `torch.nn`, copy the NumPy weights into it and compare the
#    Q-values, including what a channels-last flatten does to them,
# 4. check D.2's loss against `torch.nn.functional.huber_loss` and its gradient `dq`
#    against autograd, with the target computed under `torch.no_grad()`, and carry `dq`
#    one layer further back by hand,
# 5. run real DQN updates with `torch.optim.Adam` on a small frame-stack task, with a
#    target network synced every few updates by `load_state_dict`.
#
# **Spoiler warning:** the first code cell defines working versions of the checkpoint's
# functions, so that every cell below runs on its own. Solve the items on the page (or in
# the exercise cells of this notebook) first.

# %%
import time

import numpy as np

LAYERS = [("conv1", 32, 8, 4), ("conv2", 64, 4, 2), ("conv3", 64, 3, 1)]


def conv2d(x, w, b, stride=1):
    """D.1: cross-correlation without padding, one kernel offset at a time."""
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    OH, OW = (H - KH) // stride + 1, (W - KW) // stride + 1
    out = np.zeros((N, F, OH, OW))
    for i in range(KH):
        for j in range(KW):
            rows = slice(i, i + stride * (OH - 1) + 1, stride)
            cols = slice(j, j + stride * (OW - 1) + 1, stride)
            out += np.einsum("nchw,fc->nfhw", x[:, :, rows, cols], w[:, :, i, j])
    return out + b.reshape(1, F, 1, 1)


def conv2d_positions(x, w, b, stride=1):
    """D.1 written the other way: one output position at a time."""
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    OH, OW = (H - KH) // stride + 1, (W - KW) // stride + 1
    out = np.empty((N, F, OH, OW))
    for r in range(OH):
        for c in range(OW):
            window = x[:, :, r * stride : r * stride + KH, c * stride : c * stride + KW]
            out[:, :, r, c] = np.tensordot(window, w, axes=([1, 2, 3], [1, 2, 3]))
    return out + b.reshape(1, F, 1, 1)


def relu(x):
    return np.maximum(x, 0.0)


def dense(x, W, b):
    return x @ W + b


def dqn_forward(obs, params, conv=conv2d, channels_last=False):
    """D.1's network; channels_last=True is the TensorFlow-habit flatten of section 3."""
    h = obs
    for name, _, _, stride in LAYERS:
        h = relu(conv(h, params[name + "_w"], params[name + "_b"], stride=stride))
    if channels_last:
        h = h.transpose(0, 2, 3, 1)
    h = h.reshape(h.shape[0], -1)
    h = relu(dense(h, params["fc1_w"], params["fc1_b"]))
    return dense(h, params["fc2_w"], params["fc2_b"])


def dqn_update(q_fn, params, target_params, batch, gamma, delta=1.0):
    """D.2: (loss, td_errors, dq) of one DQN update with the mean Huber loss."""
    actions = batch["actions"]
    n = len(actions)
    rows = np.arange(n)
    q = q_fn(batch["obs"], params)
    next_q = q_fn(batch["next_obs"], target_params)
    targets = batch["rewards"] + gamma * (1.0 - batch["dones"]) * next_q.max(axis=1)
    td = q[rows, actions] - targets
    size = np.abs(td)
    per_sample = np.where(size <= delta, 0.5 * td**2, delta * (size - 0.5 * delta))
    dq = np.zeros(q.shape)
    dq[rows, actions] = np.clip(td, -delta, delta) / n
    return float(per_sample.mean()), td, dq


def sync_target(target, online, n_updates, period):
    """D.2: a copy of online (new arrays) every `period` updates, else target."""
    if n_updates % period == 0:
        return {k: np.array(v, copy=True) for k, v in online.items()}
    return target


def init_params(rng, size=84, frames=4, n_actions=4, hidden=512):
    """He-normal weights, zero biases, for the Nature layers on size x size stacks."""
    params, channels = {}, frames
    for name, filters, kernel, stride in LAYERS:
        fan_in = channels * kernel * kernel
        params[name + "_w"] = rng.normal(
            0, np.sqrt(2 / fan_in), (filters, channels, kernel, kernel)
        )
        params[name + "_b"] = np.zeros(filters)
        size, channels = (size - kernel) // stride + 1, filters
    flat = channels * size * size
    params["fc1_w"] = rng.normal(0, np.sqrt(2 / flat), (flat, hidden))
    params["fc1_b"] = np.zeros(hidden)
    params["fc2_w"] = rng.normal(0, np.sqrt(1 / hidden), (hidden, n_actions))
    params["fc2_b"] = np.zeros(n_actions)
    return params


print("ready")

# %% [markdown]
# ## 1. Two correct convolutions, one network of any size
#
# Both `conv2d` (a loop over the 64 kernel offsets of conv1) and `conv2d_positions` (a
# loop over its 400 output positions) compute the same sums in a different order. On a
# full-size observation they agree to rounding error; their speeds differ, and both are
# fast enough for D.1. Which one is faster depends on the runtime: in CPython the offsets
# version usually wins (a few large `einsum` calls); in the browser's Pyodide, which has no
# BLAS, we measured the opposite, 0.36 s for the positions version against 0.78 s for one
# observation (under Node.js on a 2-core machine). The same `dqn_forward` then runs a
# 44x44 stack, because nothing but the strides is written into it.
#
# **Try:** time a batch of 8 instead of 1. Which version gains more from the batch, and why?

# %%
rng = np.random.default_rng(0)
params = init_params(rng, n_actions=4)
obs = rng.random((1, 4, 84, 84))
for conv in (conv2d, conv2d_positions):
    start = time.perf_counter()
    q = dqn_forward(obs, params, conv=conv)
    print(
        f"{conv.__name__:17s} {1000 * (time.perf_counter() - start):7.1f} ms  Q = {np.round(q[0], 4)}"
    )
q_offsets = dqn_forward(obs, params)
q_positions = dqn_forward(obs, params, conv=conv2d_positions)
assert np.allclose(q_offsets, q_positions, rtol=1e-10, atol=1e-12)

small = init_params(np.random.default_rng(1), size=44, n_actions=3)
print(
    "44x44 stack -> fc1 input",
    small["fc1_w"].shape[0],
    "-> Q",
    dqn_forward(rng.random((2, 4, 44, 44)), small).shape,
)

# %% [markdown]
# ## 2. The receptive field, by experiment
#
# Change one input pixel and look at conv3's output: only the units whose window covers
# that pixel can move. Walking the strides back (page 11) predicts a window of
# $36 \times 36$ pixels, starting every 8 pixels; the experiment counts, for a pixel near
# the middle of the frame, how many of the $7 \times 7$ conv3 positions it reaches.
#
# **Try:** move the pixel to a corner, `(0, 0)`. How many conv3 positions does it reach
# now? A corner pixel influences the output far less than a central one.


# %%
def conv3_maps(obs, params):
    h = obs
    for name, _, _, stride in LAYERS:
        h = relu(conv2d(h, params[name + "_w"], params[name + "_b"], stride=stride))
    return h  # (N, 64, 7, 7)


base = rng.random((1, 4, 84, 84))
poked = base.copy()
poked[0, 3, 42, 42] += 1.0  # the newest frame, one pixel near the centre
changed = np.any(conv3_maps(poked, params) != conv3_maps(base, params), axis=1)[0]
print("conv3 positions reached by pixel (42, 42):")
print(changed.astype(int))
rows = [r for r in range(7) if 8 * r <= 42 < 8 * r + 36]
print("predicted rows and columns (window 8r .. 8r + 35 holds 42):", rows)
assert changed.sum() <= len(rows) ** 2

# %% [markdown]
# The experiment can only find *fewer* positions than predicted (a ReLU that is off
# everywhere along the way hides a change), never more: the window is a hard limit.
#
# ## 3. The same network in `torch.nn`
#
# PyTorch stores a convolution's weight as `(F, C, KH, KW)`, like the course, and a linear
# layer's weight as `(out, in)`, the transpose of the course's `(in, out)`. Copy the NumPy
# weights in and compare Q-values on two observations. Then flatten channels last in
# NumPy, as a TensorFlow port might: the shapes still fit, the Q-values do not.

# %% [torch]
import torch  # noqa: E402 - a notebook cell imports what it needs
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

torch.set_num_threads(1)  # small networks: one thread is fastest and deterministic


def nature_torch(n_actions, frames=4, flat=3136, hidden=512):
    return nn.Sequential(
        nn.Conv2d(frames, 32, 8, stride=4), nn.ReLU(),
        nn.Conv2d(32, 64, 4, stride=2), nn.ReLU(),
        nn.Conv2d(64, 64, 3, stride=1), nn.ReLU(),
        nn.Flatten(),
        nn.Linear(flat, hidden), nn.ReLU(),
        nn.Linear(hidden, n_actions),
    ).double()  # fmt: skip


def load_numpy(net, params):
    """Copy course-layout arrays into the torch modules (linear weights transposed)."""
    convs = [m for m in net if isinstance(m, nn.Conv2d)]
    linears = [m for m in net if isinstance(m, nn.Linear)]
    with torch.no_grad():
        for module, (name, *_rest) in zip(convs, LAYERS):
            module.weight.copy_(torch.from_numpy(params[name + "_w"]))
            module.bias.copy_(torch.from_numpy(params[name + "_b"]))
        for module, name in zip(linears, ("fc1", "fc2")):
            module.weight.copy_(torch.from_numpy(params[name + "_w"].T.copy()))
            module.bias.copy_(torch.from_numpy(params[name + "_b"]))
    return net


def to_numpy(net):
    """The inverse: a torch network's parameters in the course's layout."""
    convs = [m for m in net if isinstance(m, nn.Conv2d)]
    linears = [m for m in net if isinstance(m, nn.Linear)]
    out = {}
    for module, (name, *_rest) in zip(convs, LAYERS):
        out[name + "_w"] = module.weight.detach().numpy().copy()
        out[name + "_b"] = module.bias.detach().numpy().copy()
    for module, name in zip(linears, ("fc1", "fc2")):
        out[name + "_w"] = module.weight.detach().numpy().T.copy()
        out[name + "_b"] = module.bias.detach().numpy().copy()
    return out


net = load_numpy(nature_torch(4), params)
obs2 = rng.random((2, 4, 84, 84))
with torch.no_grad():
    q_torch = net(torch.from_numpy(obs2)).numpy()
q_numpy = dqn_forward(obs2, params)
q_wrong = dqn_forward(obs2, params, channels_last=True)
print("torch.nn      :", np.round(q_torch, 5).tolist())
print("NumPy, D.1    :", np.round(q_numpy, 5).tolist())
print("channels last :", np.round(q_wrong, 5).tolist())
print(f"max |NumPy - torch| = {np.max(np.abs(q_numpy - q_torch)):.1e}")
assert np.allclose(q_numpy, q_torch, rtol=1e-9, atol=1e-11)
assert not np.allclose(q_wrong, q_torch, rtol=1e-3)
print("parameters:", sum(p.numel() for p in net.parameters()))

# %% [markdown]
# ## 4. D.2 against autograd
#
# In PyTorch the DQN loss is three lines: `gather` picks $Q(s_i, a_i)$, the target is
# computed under `torch.no_grad()` (so no gradient can flow into it) and
# `F.huber_loss(..., delta=κ)` takes the mean. Keeping the Q-values as a leaf tensor that
# requires a gradient lets autograd compute $\partial L / \partial Q$, which must equal
# D.2's `dq`. One step further back, fc2's gradients are page 7's dense backward applied
# to `dq`: $dW = h^\top dq$ and $db = \sum_i dq_i$, with $h$ the output of fc1's ReLU.
#
# **Try:** set `delta=100.0`. Which TD errors are now inside the quadratic zone, and how
# does `dq` compare with `td_errors / N`?


# %%
def make_batch(rng, n, size, n_actions, p_done=0.25):
    return {
        "obs": rng.random((n, 4, size, size)),
        "actions": rng.integers(0, n_actions, size=n).astype(np.int64),
        "rewards": rng.choice([-1.0, 0.0, 1.0], size=n),
        "next_obs": rng.random((n, 4, size, size)),
        "dones": (rng.random(n) < p_done).astype(np.float64),
    }


rng = np.random.default_rng(2)
online_np = init_params(rng, size=44, n_actions=3)
target_np = init_params(rng, size=44, n_actions=3)
online_np["fc2_w"] *= 4.0  # larger Q-values, so some TD errors exceed delta
batch = make_batch(rng, 16, 44, 3)
loss, td, dq = dqn_update(dqn_forward, online_np, target_np, batch, gamma=0.99, delta=1.0)
print(f"NumPy loss {loss:.6f}; |td| > 1 for {int(np.sum(np.abs(td) > 1))} of {len(td)} transitions")

# %% [torch]
online_t = load_numpy(nature_torch(3, flat=256), online_np)
target_t = load_numpy(nature_torch(3, flat=256), target_np)
obs_t, next_t = torch.from_numpy(batch["obs"]), torch.from_numpy(batch["next_obs"])
actions_t = torch.from_numpy(batch["actions"])
with torch.no_grad():
    y = (
        torch.from_numpy(batch["rewards"])
        + 0.99 * (1 - torch.from_numpy(batch["dones"])) * target_t(next_t).max(dim=1).values
    )
q_all = online_t(obs_t).detach().requires_grad_(True)  # a leaf: autograd stops at the Q-values
loss_t = F.huber_loss(q_all.gather(1, actions_t[:, None]).squeeze(1), y, delta=1.0)
loss_t.backward()
print(f"torch loss {loss_t.item():.6f}")
print(f"max |dq - autograd| = {np.max(np.abs(dq - q_all.grad.numpy())):.1e}")
assert abs(loss - loss_t.item()) < 1e-10
assert np.allclose(dq, q_all.grad.numpy(), rtol=1e-9, atol=1e-12)

# fc2's gradients: by hand from dq (page 7), and by autograd through the whole network.
h = obs_t
for module in list(online_t)[:-1]:
    h = module(h)  # everything up to fc2: the output of fc1's ReLU
h = h.detach().numpy()
online_t.zero_grad()
F.huber_loss(online_t(obs_t).gather(1, actions_t[:, None]).squeeze(1), y, delta=1.0).backward()
fc2 = online_t[-1]
assert np.allclose(h.T @ dq, fc2.weight.grad.numpy().T, rtol=1e-8, atol=1e-12)
assert np.allclose(dq.sum(axis=0), fc2.bias.grad.numpy(), rtol=1e-8, atol=1e-12)
print("fc2 gradients from dq match autograd; conv1's weight gradient has shape",
      tuple(online_t[0].weight.grad.shape))  # fmt: skip

# %% [markdown]
# ## 5. Real DQN updates with a target network
#
# A task small enough to learn in seconds: each observation is a stack of four $36 \times
# 36$ frames with one bright dot that moves across them. Action 0 ("left") earns $+1$ if
# the dot moves left and $-1$ otherwise; action 1 the opposite; half of the transitions
# end the episode, the others bootstrap from the next observation through the target
# network. Only the motion decides the reward, so a single frame could not solve it: this
# is frame stacking's job in miniature. (A $36 \times 36$ stack is exactly one conv3
# unit's receptive field, so conv3's output is $64 \times 1 \times 1$.)
#
# The loop samples minibatches from a fixed buffer, takes Adam steps on the Huber loss,
# and syncs the target network every 20 updates with `load_state_dict`, the PyTorch form
# of D.2's `sync_target`: it copies the values into the target's own tensors. The NumPy
# check at the end recomputes the last minibatch's loss with D.2's function on the torch
# weights.
#
# **Try:** sync every update (`period = 1`), which is the same as having no target
# network, and compare the losses. Then use only the newest frame (`obs[:, 3:]` with
# `frames=1`): can the greedy accuracy still exceed chance?


# %%
def moving_dot_batch(rng, n, size=36, frames=4):
    """Stacks of `frames` frames with one dot moving 3 pixels per frame, left or right."""
    obs = np.zeros((n, frames, size, size))
    direction = rng.choice([-1, 1], size=n)
    row = rng.integers(4, size - 4, size=n)
    last = rng.integers(12, size - 12, size=n)  # the newest frame says nothing about direction
    for k in range(frames):
        obs[np.arange(n), k, row, last - 3 * (frames - 1 - k) * direction] = 1.0
    return obs, direction


rng = np.random.default_rng(3)
N_BUFFER = 512
buf_obs, buf_dir = moving_dot_batch(rng, N_BUFFER)
buf_next, _ = moving_dot_batch(rng, N_BUFFER)
buf_actions = rng.integers(0, 2, size=N_BUFFER).astype(np.int64)  # random behaviour policy
buf_rewards = np.where((buf_actions == 0) == (buf_dir < 0), 1.0, -1.0)
buf_dones = (rng.random(N_BUFFER) < 0.5).astype(np.float64)
print("buffer:", buf_obs.shape, "mean reward", buf_rewards.mean())

# %% [torch]
torch.manual_seed(0)
online_t = nature_torch(2, flat=64, hidden=64)
target_t = nature_torch(2, flat=64, hidden=64)
target_t.load_state_dict(online_t.state_dict())  # start equal, in separate tensors
optimizer = torch.optim.Adam(online_t.parameters(), lr=1e-3)
gamma, period, batch_size = 0.9, 20, 32
sample_rng = np.random.default_rng(4)
for update in range(1, 301):
    idx = sample_rng.integers(0, N_BUFFER, size=batch_size)
    with torch.no_grad():
        best_next = target_t(torch.from_numpy(buf_next[idx])).max(dim=1).values
        y = (
            torch.from_numpy(buf_rewards[idx])
            + gamma * (1 - torch.from_numpy(buf_dones[idx])) * best_next
        )
    q_taken = (
        online_t(torch.from_numpy(buf_obs[idx]))
        .gather(1, torch.from_numpy(buf_actions[idx])[:, None])
        .squeeze(1)
    )
    loss_t = F.huber_loss(q_taken, y, delta=1.0)
    optimizer.zero_grad()
    loss_t.backward()
    optimizer.step()
    if update % period == 0:
        target_t.load_state_dict(online_t.state_dict())
    if update % 50 == 0:
        with torch.no_grad():
            greedy = online_t(torch.from_numpy(buf_obs)).argmax(dim=1).numpy()
        accuracy = np.mean(greedy == np.where(buf_dir < 0, 0, 1))
        print(
            f"update {update:3d}: loss {loss_t.item():.4f}, greedy action right for {accuracy:.0%}"
        )
assert accuracy > 0.9, accuracy

# D.2 on the torch weights gives the torch loss of the last minibatch.
batch = {"obs": buf_obs[idx], "actions": buf_actions[idx], "rewards": buf_rewards[idx],
         "next_obs": buf_next[idx], "dones": buf_dones[idx]}  # fmt: skip
target_before = to_numpy(target_t)
with torch.no_grad():
    loss_after = F.huber_loss(
        online_t(torch.from_numpy(batch["obs"])).gather(
            1, torch.from_numpy(batch["actions"])[:, None]).squeeze(1),
        torch.from_numpy(batch["rewards"]) + gamma * (1 - torch.from_numpy(batch["dones"]))
        * target_t(torch.from_numpy(batch["next_obs"])).max(dim=1).values,
        delta=1.0,
    ).item()  # fmt: skip
loss_np, _, _ = dqn_update(dqn_forward, to_numpy(online_t), target_before, batch, gamma)
print(f"last minibatch, after the update: torch {loss_after:.8f}, NumPy D.2 {loss_np:.8f}")
assert abs(loss_after - loss_np) < 1e-8

# %% [markdown]
# The greedy action is right for nearly every stack after a few hundred updates, from a
# buffer filled by a random policy: Q-learning learns the greedy policy's values from
# someone else's behaviour (it is *off-policy*), which is what lets DQN reuse old
# transitions at all. In a real agent the buffer keeps changing, the behaviour policy is
# $\varepsilon$-greedy on the network itself, and the same loop runs for millions of
# steps; page 13's notebook runs that loop on CartPole.
