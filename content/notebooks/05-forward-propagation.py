# %% [markdown]
# # Forward propagation: experiments and the PyTorch version
#
# This notebook goes beyond the page's exercises. You will
#
# 1. time a batched forward pass against a loop over single states,
# 2. hunt a broadcasting bug that only shows when the batch size equals a layer width,
# 3. watch the distributions of the pre-activations layer by layer, and find dead units,
# 4. use the cache for what it is for: a weight gradient, checked by finite differences,
# 5. act: greedy and epsilon-greedy actions for a batch of parallel environments,
# 6. run the same network in PyTorch: `nn.Sequential` with the weights copied (transposed),
#    its own "cache" captured with forward hooks, inference under `torch.no_grad()`, greedy
#    actions with `argmax` and a policy with `torch.distributions.Categorical`.
#
# Every cell here is self-contained: it does not need your exercise solutions (but you can
# swap yours in where a cell says so). Plots appear when matplotlib is available; every
# experiment also prints its numbers.

# %%
import time

import numpy as np

try:
    import matplotlib.pyplot as plt
except ImportError:  # the numbers below are printed either way
    plt = None


def relu(z):
    return np.maximum(z, 0.0)


def init_layers(sizes, seed=0, bias_std=0.0):
    """He-normal weights (n_in, n_out) and (optionally random) biases, as on page 4."""
    rng = np.random.default_rng(seed)
    return [
        (rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out)), rng.normal(0.0, bias_std, n_out))
        for n_in, n_out in zip(sizes[:-1], sizes[1:])
    ]


def forward(X, params):
    """ReLU hidden layers, linear output; returns (out, cache) like the exercise mlp_forward."""
    cache = []
    A = X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        cache.append((A, Z))
        A = Z if i == len(params) - 1 else relu(Z)
    return A, cache


print("ready; matplotlib", "available" if plt is not None else "not available (numbers only)")

# %% [markdown]
# ## 1. One batch or many single states?
#
# The same 4-64-64-2 network, run on 4096 CartPole-like states: once as a single `(4096, 4)`
# batch, once state by state in a Python loop. Both compute the same numbers; the loop pays
# the Python and NumPy call overhead 4096 times.
#
# **Try:** batch sizes 1, 32, 256 and 4096: how does the time *per state* change? At which
# size does the batched version stop getting cheaper per state?

# %%
params = init_layers([4, 64, 64, 2], seed=0, bias_std=0.1)
rng = np.random.default_rng(1)
states = rng.standard_normal((4096, 4)) * np.array([1.0, 0.5, 0.1, 0.5])


def best_time(fn, repeats=3):
    """The fastest of a few runs: less noise from whatever else the machine is doing."""
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


t_batch, (q_batch, _) = best_time(lambda: forward(states, params))
t_loop, q_loop = best_time(lambda: np.stack([forward(s[None, :], params)[0][0] for s in states]))

print("same Q-values:", np.allclose(q_batch, q_loop))
print(f"one batch: {t_batch * 1e3:8.2f} ms   ({t_batch / len(states) * 1e6:.2f} us per state)")
print(f"loop:      {t_loop * 1e3:8.2f} ms   ({t_loop / len(states) * 1e6:.2f} us per state)")
print(f"speed-up:  {t_loop / t_batch:.0f}x")

# %% [markdown]
# ## 2. A bug that hides when N equals the layer width
#
# Below are the two hidden layers of the Q-network (the "torso" that a dueling or
# actor-critic network shares between its heads), written with the bias stored as a column,
# `b.reshape(-1, 1)`. For most batch sizes NumPy refuses it, but 64-unit layers accept it for a
# batch of exactly 64 states, and then compute something else. We try every batch size from 1
# to 70 and record what happens.
#
# **Try:** make the second hidden layer 32 units wide. For which batch sizes does the buggy
# version run now? What does that tell you about choosing batch sizes for tests?


# %%
def torso_column_bias(X, params):
    A = X
    for W, b in params:
        A = relu(A @ W + b.reshape(-1, 1))  # the bug: (M, 1) broadcasts along the rows
    return A


def torso(X, params):
    A = X
    for W, b in params:
        A = relu(A @ W + b)
    return A


params = init_layers([4, 64, 64], seed=2, bias_std=0.5)
runs, errors = [], []
for n in range(1, 71):
    X = np.random.default_rng(n).standard_normal((n, 4))
    try:
        wrong = torso_column_bias(X, params)
    except ValueError:
        errors.append(n)
        continue
    right = torso(X, params)
    same = wrong.shape == right.shape and np.allclose(wrong, right)
    runs.append((n, wrong.shape, right.shape, same))
print(f"ValueError for {len(errors)} of 70 batch sizes")
for n, shape, want, ok in runs:
    print(
        f"batch size {n:2d}: ran without error, output shape {shape} (should be {want}), correct: {ok}"
    )

# %% [markdown]
# Only two batch sizes run: 1, where the `(1, 64) + (64, 1)` sum quietly becomes `(64, 64)`,
# and 64, where the shape is right and the numbers are wrong. A test suite that happens to
# use a batch of 64 (a very common minibatch size!) would see no error at all. The lesson of
# the page: test with batch sizes that differ from every width, *and* compare values against
# a trusted reference.

# %% [figure] p05-activation-distributions

# %% [markdown]
# ## 3. Distributions layer by layer, and dead units
#
# Push 2000 states through 6 hidden layers of width 64 and plot the histogram of each
# layer's pre-activations, for He initialization and for a network whose biases are all
# -1 (a tempting "sparse" initialization). A unit that is negative for *every* state of the
# batch is **dead** on this data: its ReLU outputs 0 everywhere, and its gradient is 0 too, so
# training cannot revive it.
#
# **Try:** biases of -0.3, or +1. Weights with std 1 instead of He. How many units die?


# %%
def layer_statistics(X, sizes, bias, seed=3):
    rng = np.random.default_rng(seed)
    A, stats, zs = X, [], []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        W = rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))
        Z = A @ W + bias
        A = relu(Z)
        dead = np.mean(np.all(Z <= 0, axis=0))  # units that are off for every state
        stats.append((float(Z.mean()), float(Z.std()), float(np.mean(A == 0)), float(dead)))
        zs.append(Z.ravel())
    return stats, zs


X = np.random.default_rng(4).standard_normal((2000, 4)) * np.array([1.0, 0.5, 0.1, 0.5])
sizes = [4] + [64] * 6
results = {}
for label, bias in [("zero biases", 0.0), ("biases -1", -1.0)]:
    stats, zs = layer_statistics(X, sizes, bias)
    results[label] = zs
    print(label)
    for i, (mean, std, zero, dead) in enumerate(stats, start=1):
        print(
            f"  layer {i}: mean {mean:+.3f}  std {std:.3f}  ReLU outputs = 0: {zero:.2f}"
            f"  dead units: {dead:.2f}"
        )

if plt is not None:
    fig, axes = plt.subplots(2, 6, figsize=(12, 4), sharex=True)
    for r, (label, zs) in enumerate(results.items()):
        for j, z in enumerate(zs):
            axes[r, j].hist(z, bins=np.linspace(-4, 4, 61), color="C0" if r == 0 else "C1")
            axes[r, j].set_yticks([])
            axes[r, j].set_title(f"{label}, layer {j + 1}", fontsize=8)
    plt.show()

# %% [markdown]
# ## 4. What the cache is for: one weight gradient
#
# Take the loss $\mathcal L = \frac{1}{2N}\sum (\text{out} - y)^2$ of a small network. For the
# *output* layer, $\delta_L = \partial \mathcal L / \partial Z_L = (\text{out} - y)/N$, and
# page 7 shows $\partial \mathcal L / \partial W_L = A_{L-1}^\top \delta_L$. The cache holds
# $A_{L-1}$ (the output layer's input), so the gradient is one matrix product. We check it
# against finite differences, which need two extra forward passes per weight.
#
# **Try:** the gradient of the *hidden* layer's weights needs $Z$ from the cache too:
# $\delta_{L-1} = (\delta_L W_L^\top) \odot \mathbb 1[Z_{L-1} > 0]$ and
# $\partial \mathcal L / \partial W_{L-1} = A_{L-2}^\top \delta_{L-1}$. Add it and check it the
# same way.


# %%
def loss(params, X, y):
    out, _ = forward(X, params)
    return 0.5 * np.mean(np.sum((out - y) ** 2, axis=1))


params = init_layers([3, 5, 2], seed=5, bias_std=0.3)
rng = np.random.default_rng(6)
X, y = rng.standard_normal((8, 3)), rng.standard_normal((8, 2))

out, cache = forward(X, params)
A_in, Z_out = cache[-1]
delta = (out - y) / len(X)  # dL/dZ for the output layer
grad_from_cache = A_in.T @ delta  # (5, 8) @ (8, 2) -> (5, 2), the shape of W_2

eps = 1e-6
W2, b2 = params[-1]
grad_numeric = np.zeros_like(W2)
for idx in np.ndindex(W2.shape):
    plus, minus = W2.copy(), W2.copy()
    plus[idx] += eps
    minus[idx] -= eps
    grad_numeric[idx] = (
        loss(params[:-1] + [(plus, b2)], X, y) - loss(params[:-1] + [(minus, b2)], X, y)
    ) / (2 * eps)
print("gradient from the cache:\n", np.round(grad_from_cache, 5))
print(
    "max difference to finite differences:", float(np.max(np.abs(grad_from_cache - grad_numeric)))
)

# %% [markdown]
# ## 5. Acting: greedy and epsilon-greedy for parallel environments
#
# RL libraries often run several environments side by side and stack their states into one
# batch, so one forward pass serves all of them. Here 8 "environments" each have a state; the
# agent computes all Q-values at once, then chooses greedily or epsilon-greedily. Over many
# steps the fraction of non-greedy actions approaches $\varepsilon (1 - 1/A)$.
#
# **Try:** replace `greedy` by your `greedy_actions`, and the epsilon-greedy lines by your
# `epsilon_greedy` from the practice exercise.

# %%
params = init_layers([4, 64, 64, 2], seed=7, bias_std=0.1)
rng = np.random.default_rng(8)
n_envs, epsilon, n_steps = 8, 0.1, 2000
non_greedy = 0
for _ in range(n_steps):
    states = rng.standard_normal((n_envs, 4)) * np.array([1.0, 0.5, 0.1, 0.5])
    q, _ = forward(states, params)  # (8, 2): one forward pass for all environments
    greedy = np.argmax(q, axis=1)  # ties -> lowest index
    explore = rng.random(n_envs) < epsilon
    actions = np.where(explore, rng.integers(0, 2, size=n_envs), greedy)
    non_greedy += int(np.sum(actions != greedy))
print(
    f"non-greedy actions: {non_greedy / (n_steps * n_envs):.4f}  (expected {epsilon * (1 - 1 / 2):.4f})"
)

# %% [markdown]
# ## 6. The same forward pass in PyTorch
#
# The cells below need PyTorch. `nn.Linear(n_in, n_out)` stores `weight` as `(n_out, n_in)`
# and computes `x @ weight.T + bias`; our `W` is `(n_in, n_out)`, so the copy is
# `weight = W.T`. We use float64 in PyTorch so the two results agree to about 1e-15.

# %% [torch]
import torch  # noqa: E402 - a notebook cell imports what it needs
from torch import nn  # noqa: E402

sizes = [4, 64, 64, 2]
params = init_layers(sizes, seed=0, bias_std=0.1)
q_net = nn.Sequential(
    nn.Linear(4, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 2)
).double()
linears = [m for m in q_net if isinstance(m, nn.Linear)]
with torch.no_grad():
    for (W, b), lin in zip(params, linears):
        lin.weight.copy_(torch.from_numpy(W.T.copy()))  # (n_out, n_in) in PyTorch
        lin.bias.copy_(torch.from_numpy(b))

states = np.random.default_rng(9).standard_normal((32, 4)) * np.array([1.0, 0.5, 0.1, 0.5])
q_numpy, cache = forward(states, params)
with torch.no_grad():
    q_torch = q_net(torch.from_numpy(states)).numpy()
print("Q-values of the first 3 states (NumPy):\n", np.round(q_numpy[:3], 6))
print("max |NumPy - PyTorch|:", float(np.max(np.abs(q_numpy - q_torch))))
assert np.allclose(q_numpy, q_torch, rtol=1e-10, atol=1e-12)

# %% [markdown]
# ### PyTorch's "cache": forward hooks
#
# A forward hook sees every module's input and output as the forward pass runs. Hooked onto
# the `Linear` layers, it captures exactly our cache: each layer's input `A_in` and its output
# `Z`, the pre-activation. (Autograd keeps its own copies of what its backward pass needs;
# hooks are how you look at them yourself, for example to plot activation statistics during
# training.)

# %% [torch]
captured = []


def keep_input_and_output(module, inputs, output):
    captured.append((inputs[0].detach().numpy().copy(), output.detach().numpy().copy()))


handles = [lin.register_forward_hook(keep_input_and_output) for lin in linears]
with torch.no_grad():
    q_net(torch.from_numpy(states))
for h in handles:
    h.remove()

for i, ((A_np, Z_np), (A_t, Z_t)) in enumerate(zip(cache, captured)):
    same = np.allclose(A_np, A_t) and np.allclose(Z_np, Z_t)
    print(f"layer {i}: A_in {A_t.shape}, Z {Z_t.shape}, equal to the NumPy cache: {same}")
    assert same

# %% [markdown]
# ### Inference: `torch.no_grad()` and action selection
#
# When the agent only acts, no backward pass follows, so nothing needs saving. Under
# `torch.no_grad()` the output has no `grad_fn` (no graph was recorded). For one state,
# add the batch axis with `unsqueeze(0)` and take row 0 of the result. `torch.argmax`, like
# `np.argmax`, returns the first maximal index on ties.

# %% [torch]
x = torch.from_numpy(states)
q_with_graph = q_net(x)
with torch.no_grad():
    q_no_graph = q_net(x)
print("with gradient tracking, grad_fn:", q_with_graph.grad_fn)
print("under torch.no_grad(),  grad_fn:", q_no_graph.grad_fn)

state = torch.tensor([0.02, -0.3, 0.05, 0.4], dtype=torch.float64)  # what env.reset() gives
with torch.no_grad():
    q_one = q_net(state.unsqueeze(0))[0]  # (4,) -> (1, 4) -> (1, 2) -> (2,)
action = int(torch.argmax(q_one))
print("Q(s, .) =", q_one.numpy().round(4), "-> greedy action", action)
assert action == int(np.argmax(forward(state.numpy()[None, :], params)[0][0]))

ties = torch.tensor([[0.0, 0.0], [1.0, 3.0], [2.0, 2.0]], dtype=torch.float64)
print(
    "torch.argmax on ties:",
    torch.argmax(ties, dim=1).tolist(),
    " np.argmax:",
    np.argmax(ties.numpy(), axis=1).tolist(),
)
assert torch.argmax(ties, dim=1).tolist() == np.argmax(ties.numpy(), axis=1).tolist()

# %% [markdown]
# ### A policy network: logits, `Categorical`, sampling
#
# The same body with a softmax head is a policy. PPO code keeps the network's output as
# logits and hands them to `torch.distributions.Categorical`, which computes probabilities,
# log-probabilities and samples stably. We check its probabilities against a NumPy softmax
# of the same logits, then sample actions for 10,000 copies of one state.
#
# **Try:** multiply the logits by 100 (a very confident policy). Do the NumPy softmax and
# `Categorical` still agree? What does `dist.entropy()` say?

# %% [torch]
policy_params = init_layers([4, 64, 64, 3], seed=11, bias_std=0.1)
policy = nn.Sequential(
    nn.Linear(4, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 3)
).double()
with torch.no_grad():
    for (W, b), lin in zip(policy_params, [m for m in policy if isinstance(m, nn.Linear)]):
        lin.weight.copy_(torch.from_numpy(W.T.copy()))
        lin.bias.copy_(torch.from_numpy(b))

logits_np, _ = forward(states[:4], policy_params)
e = np.exp(logits_np - logits_np.max(axis=1, keepdims=True))
probs_np = e / e.sum(axis=1, keepdims=True)

with torch.no_grad():
    dist = torch.distributions.Categorical(logits=policy(torch.from_numpy(states[:4])))
print("probabilities (NumPy softmax):\n", probs_np.round(4))
print("max |NumPy - Categorical.probs|:", float(np.max(np.abs(probs_np - dist.probs.numpy()))))
assert np.allclose(probs_np, dist.probs.numpy())

torch.manual_seed(0)
one_state = torch.distributions.Categorical(logits=dist.logits[0])
samples = one_state.sample((10_000,))
freq = torch.bincount(samples, minlength=3).double() / 10_000
print(
    "sampled frequencies for state 0:",
    freq.numpy().round(3),
    " probabilities:",
    probs_np[0].round(3),
)
assert np.allclose(freq.numpy(), probs_np[0], atol=0.02)
