# %% [markdown]
# # Batch norm and residual connections: experiments and the PyTorch version
#
# This notebook goes beyond the page's exercises. You will
#
# 1. check the batch-norm backward pass against central differences, and see the two
#    properties of its gradient the page derived,
# 2. watch the running statistics follow a drifting data stream, as replay data drifts,
# 3. reproduce the "agent that always pushes left" bug on a Q-network with batch norm,
# 4. let PyTorch do the same work: `nn.BatchNorm1d` step by step with the same running
#    statistics as NumPy, in training and in evaluation mode (and the trap that
#    `torch.no_grad()` does not change the mode), autograd through batch norm against the
#    compact formula, `nn.LayerNorm`,
# 5. train a deep plain MLP, the same MLP with batch norm, and a residual MLP in PyTorch,
#    and compare their losses and the gradients reaching their first layer.
#
# The cells are self-contained: the reference functions below are the page's formulas, so
# the material runs whatever state your exercise cells are in. Wherever a cell says so,
# swap in your own `batchnorm_forward`, `batchnorm_backward` or `residual_block`.

# %%
import time

import numpy as np

try:
    import matplotlib.pyplot as plt
except ImportError:  # the numbers below are printed either way
    plt = None


def bn_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5, training=True):
    """The page's batch norm (as the exercise batchnorm_forward; swap in yours)."""
    if training:
        N = x.shape[0]
        mean, var = x.mean(axis=0), x.var(axis=0)
        out = gamma * (x - mean) / np.sqrt(var + eps) + beta
        new_mean = (1 - momentum) * running_mean + momentum * mean
        new_var = (1 - momentum) * running_var + momentum * var * N / (N - 1)
        return out, new_mean, new_var
    out = gamma * (x - running_mean) / np.sqrt(running_var + eps) + beta
    return out, running_mean.copy(), running_var.copy()


def bn_backward(dout, x, gamma, eps=1e-5):
    """The compact formula of the page (as the exercise batchnorm_backward; swap in yours)."""
    N = x.shape[0]
    std = np.sqrt(x.var(axis=0) + eps)
    x_hat = (x - x.mean(axis=0)) / std
    dbeta, dgamma = dout.sum(axis=0), (dout * x_hat).sum(axis=0)
    return gamma / (N * std) * (N * dout - dbeta - x_hat * dgamma), dgamma, dbeta


def numeric_grad(f, x, eps=1e-6):
    """Central differences of the scalar f(x) for every entry of x (x restored)."""
    g = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + eps
        plus = f(x)
        x[idx] = old - eps
        minus = f(x)
        x[idx] = old
        g[idx] = (plus - minus) / (2 * eps)
    return g


def rel_error(a, b):
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))


print("ready; matplotlib", "available" if plt is not None else "not available (numbers only)")

# %% [markdown]
# ## 1. The backward pass against central differences
#
# A batch of 6 samples with 4 features, random $\gamma$ and $\beta$, and the loss
# $L = \sum G \odot \operatorname{BN}(x)$ for a fixed random $G$ (so $\partial L/\partial\,\text{out} = G$).
# We compare three gradients for $x$: the compact formula, central differences, and the
# "naive" one that treats the batch mean and variance as constants.
#
# **Try:** make the batch bigger (`N = 600`). The naive gradient gets closer to the true
# one, because one sample moves the statistics less, but it is never right; with `N = 2`
# the true gradient is almost exactly zero (why? with two samples $\hat x = \pm 1$ whatever
# $x$ is).

# %%
rng = np.random.default_rng(0)
N, D = 6, 4
x = rng.normal(1.0, 2.0, (N, D))
gamma, beta = rng.uniform(0.5, 2.0, D), rng.normal(size=D)
G = rng.standard_normal((N, D))
zeros, ones = np.zeros(D), np.ones(D)


def L(v):
    return float(np.sum(G * bn_forward(v, gamma, beta, zeros, ones)[0]))


dx, dgamma, dbeta = bn_backward(G, x, gamma)
num = numeric_grad(L, x.copy())
naive = G * gamma / np.sqrt(x.var(axis=0) + 1e-5)
x_hat = (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + 1e-5)
print(f"compact formula vs central differences: relative error {rel_error(dx, num):.1e}")
print(f"naive gradient  vs central differences: relative error {rel_error(naive, num):.1e}")
print("column sums of dx:            ", np.round(dx.sum(axis=0), 12))
print("dx . x_hat per feature:       ", np.round((dx * x_hat).sum(axis=0), 6))
print("column sums of the naive one: ", np.round(naive.sum(axis=0), 3))

# %% [markdown]
# The two "checks" of the page: the columns of $dx$ sum to zero (a shift of a whole feature
# changes nothing) and are orthogonal to $\hat x$ (nor does a rescaling; the tiny remainder
# comes from $\varepsilon$). The naive gradient has neither property.
#
# ## 2. Running statistics on drifting data
#
# In RL the distribution of states in the replay buffer drifts as the policy changes. Here
# one feature's true mean moves from 0 to 4 over 300 training steps (batches of 32) and then
# stays. The running mean follows with a lag that depends on the momentum. At evaluation
# time it is the running mean, not the current data's mean, that normalises the states.
#
# **Try:** with momentum 0.01, how many steps after the drift stops is the running mean
# still more than 0.5 away from 4?

# %%
rng = np.random.default_rng(1)
steps = 600
true_mean = np.minimum(np.arange(steps) / 300.0, 1.0) * 4.0
curves = {}
for momentum in (0.1, 0.01):
    rm, rv, curve = np.zeros(1), np.ones(1), []
    r2 = np.random.default_rng(2)
    for t in range(steps):
        batch = r2.normal(true_mean[t], 1.0, (32, 1))
        _, rm, rv = bn_forward(batch, ones[:1], zeros[:1], rm, rv, momentum=momentum)
        curve.append(rm[0])
    curves[momentum] = np.array(curve)
    lag = true_mean[299] - curves[momentum][299]
    late = np.argmax(np.abs(curves[momentum][300:] - 4.0) < 0.5)
    print(f"momentum {momentum}: at step 300 the running mean lags by {lag:.2f}; "
          f"within 0.5 of 4 after {late} more steps")  # fmt: skip

if plt is not None:
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.plot(true_mean, "k:", label="true mean of the data")
    for momentum, curve in curves.items():
        ax.plot(curve, label=f"running mean, momentum {momentum}")
    ax.set_xlabel("training step")
    ax.legend()
    plt.show()

# %% [figure] p12-running-statistics

# %% [markdown]
# ## 3. The agent that always pushes left
#
# A CartPole Q-network `4 -> 16 -> BN -> ReLU -> 2` whose batch norm has been "trained":
# its running statistics are those of the pre-activations over many states. We evaluate it
# in two ways: correctly, with the running statistics, and with the bug of practice item 5,
# the batch's own statistics. On a batch of 256 states the two agree roughly; on one state
# at a time, as when the agent acts, the buggy version gives every state the same Q-values.

# %%
rng = np.random.default_rng(3)
scale = np.array([1.0, 0.5, 0.1, 0.5])
W1, b1 = rng.normal(0.0, 1.0, (4, 16)), rng.normal(0.0, 0.5, 16)
W2, b2 = rng.normal(0.0, 0.5, (16, 2)), rng.normal(0.0, 0.1, 2)
g16, be16 = rng.uniform(0.5, 1.5, 16), rng.normal(0.0, 0.3, 16)
data = rng.normal(size=(5000, 4)) * scale
z_data = data @ W1 + b1
run_mean, run_var = z_data.mean(axis=0), z_data.var(axis=0, ddof=1)


def q_values(states, batch_stats):
    z = states @ W1 + b1
    if batch_stats:  # the bug: the statistics of whatever batch came in
        mean, var = z.mean(axis=0), z.var(axis=0)
    else:  # eval mode done right
        mean, var = run_mean, run_var
    return np.maximum(g16 * (z - mean) / np.sqrt(var + 1e-5) + be16, 0.0) @ W2 + b2


states = rng.normal(size=(256, 4)) * scale
good, bad = q_values(states, False), q_values(states, True)
print(
    f"batch of 256: greedy actions agree for {np.mean(good.argmax(1) == bad.argmax(1)):.0%} of states"
)
one_at_a_time = np.array([q_values(s[None, :], True)[0] for s in states[:5]])
print("buggy Q-values of 5 states acted on one at a time:\n", np.round(one_at_a_time, 4))
print("correct Q-values of the same 5 states:\n", np.round(good[:5], 4))

# %% [markdown]
# ## 4. PyTorch: `nn.BatchNorm1d`, step by step
#
# The cells below need PyTorch. We build `nn.BatchNorm1d(3)` in float64 with the same
# $\gamma$ and $\beta$ as NumPy and feed both the same five training batches. After every
# step the module's buffers `running_mean` and `running_var` equal the running statistics
# that our function returned, and its output equals ours. Then `bn.eval()` switches to the
# running statistics. (To use your own `batchnorm_forward`, replace `bn_forward` below.)

# %% [torch]
import torch  # noqa: E402 - a notebook cell imports what it needs
from torch import nn  # noqa: E402

torch.set_num_threads(1)  # these networks are tiny: one thread beats the cost of sharing work

rng = np.random.default_rng(4)
D = 3
gamma, beta = rng.uniform(0.5, 2.0, D), rng.normal(size=D)
bn = nn.BatchNorm1d(D).double()  # momentum=0.1, eps=1e-5 by default
with torch.no_grad():
    bn.weight.copy_(torch.from_numpy(gamma))
    bn.bias.copy_(torch.from_numpy(beta))
print("initial buffers:", bn.running_mean.numpy(), bn.running_var.numpy())

rm, rv = np.zeros(D), np.ones(D)
bn.train()
for step in range(1, 6):
    x = rng.normal(2.0, 3.0, (8, D))
    ours, rm, rv = bn_forward(x, gamma, beta, rm, rv)
    theirs = bn(torch.from_numpy(x)).detach().numpy()
    same = (np.allclose(ours, theirs) and np.allclose(rm, bn.running_mean.numpy())
            and np.allclose(rv, bn.running_var.numpy()))  # fmt: skip
    print(f"step {step}: running_mean {np.round(bn.running_mean.numpy(), 4)}, "
          f"running_var {np.round(bn.running_var.numpy(), 4)}, same as NumPy: {same}")  # fmt: skip
    assert same

bn.eval()
x1 = rng.normal(2.0, 3.0, (1, D))  # a single sample is fine in eval mode
ours, _, _ = bn_forward(x1, gamma, beta, rm, rv, training=False)
print(
    "eval, one sample:",
    np.round(bn(torch.from_numpy(x1)).detach().numpy(), 6),
    "NumPy:",
    np.round(ours, 6),
)
assert np.allclose(ours, bn(torch.from_numpy(x1)).detach().numpy())

# %% [markdown]
# ### Two traps: a batch of one in training mode, and `no_grad` is not `eval`
#
# In training mode PyTorch refuses a batch of one sample. And `torch.no_grad()` only turns
# off gradient tracking: a module in training mode still normalises with batch statistics
# and still updates its running statistics, exactly what you do not want while an agent
# acts.

# %% [torch]
bn.train()
try:
    bn(torch.from_numpy(x1))
except ValueError as exc:
    print("batch of one in training mode:", exc)

before = bn.running_mean.clone()
with torch.no_grad():
    bn(
        torch.from_numpy(rng.normal(10.0, 1.0, (4, D)))
    )  # "acting" under no_grad, still in train mode
print("running mean changed under no_grad:", not torch.equal(before, bn.running_mean))
bn.eval()
before = bn.running_mean.clone()
bn(torch.from_numpy(rng.normal(10.0, 1.0, (4, D))))
print("running mean changed in eval mode: ", not torch.equal(before, bn.running_mean))

# %% [markdown]
# ## 5. Autograd through batch norm equals the compact formula
#
# `loss.backward()` differentiates through the batch statistics for us. The gradients with
# respect to the input, $\gamma$ (`bn.weight`) and $\beta$ (`bn.bias`) agree with
# `bn_backward` (swap in your `batchnorm_backward`) to rounding error.

# %% [torch]
rng = np.random.default_rng(5)
x, G = rng.normal(1.0, 2.0, (16, D)), rng.standard_normal((16, D))
bn.train()
bn.zero_grad()
tx = torch.tensor(x, requires_grad=True)
(bn(tx) * torch.from_numpy(G)).sum().backward()
dx, dgamma, dbeta = bn_backward(G, x, bn.weight.detach().numpy())
print(f"dx:     relative error {rel_error(dx, tx.grad.numpy()):.1e}")
print(f"dgamma: relative error {rel_error(dgamma, bn.weight.grad.numpy()):.1e}")
print(f"dbeta:  relative error {rel_error(dbeta, bn.bias.grad.numpy()):.1e}")
assert np.allclose(dx, tx.grad.numpy()) and np.allclose(dgamma, bn.weight.grad.numpy())

# %% [markdown]
# ## 6. `nn.LayerNorm`: no batch, no modes
#
# Layer norm normalises each sample over its features. A state gets the same output alone
# or inside a batch, in training and in evaluation mode alike, and a batch of one is fine.
# (Practice item 2 asks for `layer_norm_forward`; the NumPy line below is that formula.)

# %% [torch]
rng = np.random.default_rng(6)
ln = nn.LayerNorm(5).double()
batch = rng.normal(3.0, 2.0, (8, 5))
with torch.no_grad():
    full = ln(torch.from_numpy(batch)).numpy()
    alone = ln(torch.from_numpy(batch[2:3])).numpy()
mu, var = batch.mean(axis=1, keepdims=True), batch.var(axis=1, keepdims=True)
numpy_ln = (batch - mu) / np.sqrt(var + 1e-5)  # gamma = 1, beta = 0 at initialisation
print("row 2 alone equals row 2 in the batch:", np.allclose(full[2], alone[0]))
print("NumPy formula equals nn.LayerNorm:     ", np.allclose(full, numpy_ln))
print("parameters:", [(name, tuple(p.shape)) for name, p in ln.named_parameters()],
      "buffers:", [name for name, _ in ln.named_buffers()])  # fmt: skip

# %% [markdown]
# ## 7. Real work: a deep plain MLP, with batch norm, and residual, trained in PyTorch
#
# Three networks of the same depth learn the same regression task: 21 hidden layers of 32
# units (an input layer and 10 blocks of two layers), PyTorch's default `nn.Linear`
# initialisation, Adam with learning rate $10^{-3}$, 150 full-batch steps on 128 samples of
# a smooth function of 8 inputs (a few seconds per network on a laptop CPU). The *plain* network stacks Linear + ReLU; *plain + BN* puts `nn.BatchNorm1d`
# before every ReLU; the *residual* network wraps each pair of layers as
# $\operatorname{relu}(h + F(h))$, the page's `residual_block`. We record the loss and the
# norm of the gradient reaching the first layer's weights.
#
# **Try:** set `BLOCKS = 2`. All three networks then train; depth is what separates them.
# Or set `BLOCKS = 20` (slower): the plain network's first-layer gradient drops to about
# $10^{-17}$, and batch norm's starts out very large (deep batch-norm networks without skip
# connections have exploding gradients at initialisation, Yang et al., 2019).
# Then zero-initialise the last layer of every residual branch (`nn.init.zeros_`), so that
# every block starts as the identity, and compare.

# %% [figure] p12-gradient-flow

# %% [torch]
torch.manual_seed(0)
BLOCKS, WIDTH, STEPS = 10, 32, 150
rng = np.random.default_rng(7)
X = torch.from_numpy(rng.normal(size=(128, 8)))
y = torch.from_numpy(np.sin(X.numpy() @ rng.normal(size=(8, 1))) + 0.1 * X.numpy()[:, :1] ** 2)


class Residual(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.lin1, self.lin2 = nn.Linear(width, width), nn.Linear(width, width)

    def forward(self, h):
        return torch.relu(h + self.lin2(torch.relu(self.lin1(h))))


def make(kind):
    layers = [nn.Linear(8, WIDTH), nn.ReLU()]
    for _ in range(BLOCKS):
        if kind == "residual":
            layers.append(Residual(WIDTH))
        for _ in range(2 if kind != "residual" else 0):
            layers.append(nn.Linear(WIDTH, WIDTH))
            if kind == "plain + BN":
                layers.append(nn.BatchNorm1d(WIDTH))
            layers.append(nn.ReLU())
    layers.append(nn.Linear(WIDTH, 1))
    return nn.Sequential(*layers).double()


results = {}
for kind in ("plain", "plain + BN", "residual"):
    torch.manual_seed(1)
    model = make(kind)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    losses, first_grads = [], []
    t0 = time.perf_counter()
    for _ in range(STEPS):
        opt.zero_grad()
        loss = ((model(X) - y) ** 2).mean()
        loss.backward()
        first_grads.append(model[0].weight.grad.norm().item())
        opt.step()
        losses.append(loss.item())
    results[kind] = (losses, first_grads)
    print(f"{kind:11s}: loss {losses[0]:.3f} -> {losses[-1]:.4f}; gradient at layer 1 "
          f"initially {first_grads[0]:.1e}; {time.perf_counter() - t0:.1f} s")  # fmt: skip

assert results["residual"][0][-1] < results["plain"][0][-1]

if plt is not None:
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(7.0, 3.4))
    for kind, (losses, grads) in results.items():
        a1.semilogy(losses, label=kind)
        a2.semilogy(grads, label=kind)
    a1.set_xlabel("Adam step")
    a1.set_ylabel("training loss (MSE)")
    a2.set_xlabel("Adam step")
    a2.set_ylabel("gradient norm at layer 1")
    a1.legend()
    plt.show()

# %% [markdown]
# The plain network barely moves: the gradient reaching its first layer is many orders of
# magnitude smaller than the others', and its loss stays at the variance of the targets
# (it predicts almost a constant). Batch norm rescues it: each layer's input is rescaled and
# the gradient arrives. The residual network trains without any normalisation, because the
# identity path carries the gradient. (Which of the two ends lower depends on the depth,
# the task and the learning rate; the plain network fails in every setting.) In RL the same pieces appear in the IMPALA
# network (residual blocks without batch norm) and in recent value networks (residual blocks
# with layer norm).

# %% [figure] p12-activation-distributions
