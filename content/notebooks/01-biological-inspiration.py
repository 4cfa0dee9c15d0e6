# %% [markdown]
# # Biological Inspiration: experiments and the PyTorch version
#
# This notebook goes beyond the page's exercises. You will
#
# 1. map out where a two-input step neuron fires, and watch the boundary move as you change
#    the weights and the bias,
# 2. check that rescaling the weights and bias by a positive number changes nothing,
# 3. turn the all-or-none neuron into a *firing-rate* neuron by adding noise, and discover the
#    S-shaped curve that page 3 calls the sigmoid,
# 4. compute the Q-values of a batch of states with one matrix product,
# 5. build the same neuron, a layer of step neurons and a Q-value layer with
#    `torch.nn.Linear`,
# 6. let PyTorch *learn* a neuron: fit a logistic neuron to the noisy neuron's spikes with
#    autograd and `torch.optim.SGD`.
#
# Every cell is self-contained: it does not need your exercise solutions. Plots appear when
# matplotlib is available; every experiment also prints its numbers.

# %%
import numpy as np

try:
    import matplotlib.pyplot as plt
except ImportError:  # the numbers below are printed either way
    plt = None


def weighted_sum(x, w, b):
    """The neuron's pre-activation w . x + b."""
    return float(np.dot(w, x) + b)


def step_neuron(x, w, b):
    """1 if w . x + b >= 0 (ties fire), else 0."""
    return 1 if np.dot(w, x) + b >= 0 else 0


print("ready; matplotlib", "available" if plt is not None else "not available (numbers only)")

# %% [markdown]
# ## 1. Where does a neuron fire?
#
# A two-input step neuron splits the plane with the line $w_1 x_1 + w_2 x_2 + b = 0$. The cell
# below evaluates the neuron on a grid over $[-2, 2]^2$ and prints a map: `#` where it fires,
# `.` where it is silent. The weight vector is perpendicular to the boundary and points into
# the `#` region.
#
# **Try:** double both weights (does the map change?); make the bias more negative (which way
# does the boundary move?); set `w = [0, 1]` (what kind of line is that?); flip the sign of `w`.

# %%
def fire_map(w, b, lo=-2.0, hi=2.0, n=21):
    """Rows of '#'/'.' for the neuron on an n x n grid; the top row is x2 = hi."""
    xs = np.linspace(lo, hi, n)
    rows = []
    for x2 in xs[::-1]:
        rows.append("".join("#" if step_neuron(np.array([x1, x2]), w, b) else "." for x1 in xs))
    return rows


w, b = np.array([1.0, 2.0]), -1.0
for row in fire_map(w, b):
    print(row)
print("distance of the boundary from the origin:", abs(b) / np.linalg.norm(w))

if plt is not None:
    g = np.linspace(-2, 2, 201)
    G1, G2 = np.meshgrid(g, g)
    Z = w[0] * G1 + w[1] * G2 + b
    fig, ax = plt.subplots(figsize=(4.5, 4.5))
    ax.contourf(G1, G2, (Z >= 0).astype(float), levels=[-0.5, 0.5, 1.5], alpha=0.3)
    ax.contour(G1, G2, Z, levels=[0.0], colors="k")
    ax.arrow(0, 0, *(w / np.linalg.norm(w)), head_width=0.08, color="C3")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title("fires in the shaded region; arrow = w / |w|")
    ax.set_aspect("equal")
    plt.show()

# %% [markdown]
# ## 2. Only the direction of (w, b) matters
#
# Multiplying the weights **and** the bias by the same positive number $c$ multiplies every
# weighted sum by $c$, so no sum changes sign and the neuron's decisions stay the same. A
# negative $c$ swaps the two sides (except for points exactly on the boundary, which fire
# either way). Check it on many random inputs.
#
# **Try:** scale only the weights, not the bias. Do the decisions still agree? Why not?

# %%
rng = np.random.default_rng(1)
X = rng.normal(size=(1000, 3))
w, b = rng.normal(size=3), 0.4


def decisions(X, w, b):
    return (X @ w + b >= 0).astype(int)


base = decisions(X, w, b)
for c in (0.001, 0.5, 7.0, 1e6, -1.0):
    agree = np.mean(decisions(X, c * w, c * b) == base)
    print(f"scale c = {c:>8g}: decisions agree on {agree:6.1%} of the inputs")
print("weights scaled by 7, bias not:", f"{np.mean(decisions(X, 7 * w, b) == base):.1%}")

# %% [markdown]
# ## 3. From spikes to firing rates
#
# Real neurons are noisy: the same input does not always produce a spike. Model that by adding
# Gaussian noise to the weighted sum before the threshold, and repeat many trials. The
# *fraction* of trials in which the neuron fires is its **firing rate**, and it changes
# smoothly with the input instead of jumping from 0 to 1.
#
# The curve you get is the cumulative distribution of the noise, an S-shape: for Gaussian
# noise of standard deviation $\sigma$ it is $\Phi(z / \sigma)$, with $\Phi$ the standard
# normal CDF. Page 3's sigmoid $1 / (1 + e^{-z})$ is a close cousin: $\Phi(u)$ is very nearly
# $\sigma_{\text{logistic}}(k u)$ for a constant $k$ near 1.7. Which $k$ exactly depends on
# what you ask for: matching the slopes at $u = 0$ gives $k = 4/\sqrt{2\pi} \approx 1.596$,
# while the classic $k \approx 1.702$ makes the *largest* gap between the two curves as small
# as possible. The cell after the table checks both numerically.
#
# **Try:** shrink `noise_std` towards 0: the curve sharpens into the step. Increase it: the
# neuron becomes more "graded".

# %%
def firing_rate(z, noise_std, trials, rng):
    """Fraction of noisy trials with z + noise >= 0."""
    return float(np.mean(z + rng.normal(0.0, noise_std, size=trials) >= 0))


rng = np.random.default_rng(2)
noise_std = 1.0
zs = np.linspace(-4, 4, 17)
rates = np.array([firing_rate(z, noise_std, 20000, rng) for z in zs])
logistic = 1 / (1 + np.exp(-1.702 * zs / noise_std))
print("   z    rate   logistic(1.702 z)")
for z, r, s in zip(zs, rates, logistic):
    print(f"{z:5.1f}  {r:6.3f}  {s:6.3f}")

if plt is not None:
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.plot(zs, rates, "o", label="noisy step neuron (firing rate)")
    ax.plot(zs, logistic, label="logistic sigmoid")
    ax.step(zs, (zs >= 0).astype(float), where="post", label="noise-free step", alpha=0.6)
    ax.set_xlabel("weighted sum z")
    ax.set_ylabel("probability of firing")
    ax.legend()
    plt.show()

# %% [markdown]
# Which constant $k$? Compare $\Phi(u)$ with $\sigma(k u)$ on a fine grid for many $k$: the
# slope-matching value and the value with the smallest maximum error are different numbers.

# %%
import math  # noqa: E402

u = np.linspace(-8, 8, 16001)
Phi = 0.5 * (1 + np.array([math.erf(v / math.sqrt(2)) for v in u]))
ks = np.linspace(1.5, 1.8, 3001)
max_err = np.array([np.max(np.abs(Phi - 1 / (1 + np.exp(-k * u)))) for k in ks])
k_best = float(ks[np.argmin(max_err)])
k_slope = 4 / math.sqrt(2 * math.pi)
err_slope = float(np.max(np.abs(Phi - 1 / (1 + np.exp(-k_slope * u)))))
print(f"slopes matched at 0:   k = {k_slope:.4f}, largest gap {err_slope:.4f}")
print(f"smallest largest gap:  k = {k_best:.4f}, largest gap {max_err.min():.4f}")

# %% [markdown]
# ## 4. Q-values for a batch of states
#
# A DQN's output layer computes, for every state in a batch and every action, a weighted sum
# of the state's features plus the action's bias. With the features of $N$ states as the rows
# of `Phi` (shape `(N, D)`), the weights as columns of `W` (shape `(D, A)`) and the biases
# `b` (shape `(A,)`), the whole table is `Phi @ W + b`, shape `(N, A)`.
#
# The cell checks the matrix version against a plain loop of `weighted_sum` calls, then picks
# the greedy action of every state.
#
# **Try:** time the loop and the matrix product for `N = 10000` with `%timeit`.

# %%
rng = np.random.default_rng(3)
N, D, A = 5, 8, 4
Phi = rng.normal(size=(N, D))
W = rng.normal(size=(D, A)) / np.sqrt(D)
b = np.zeros(A)

Q = Phi @ W + b  # (N, A)
Q_loop = np.array([[weighted_sum(Phi[n], W[:, a], b[a]) for a in range(A)] for n in range(N)])
print("Q-values (one row per state):")
print(np.round(Q, 3))
print("matrix product equals the loop:", np.allclose(Q, Q_loop))
print("greedy actions:", np.argmax(Q, axis=1))
print("parameters in this layer:", W.size + b.size, "(D * A + A =", D * A + A, ")")

# %% [markdown]
# ## 5. The same neuron in PyTorch
#
# `torch.nn.Linear(in_features, out_features)` is a layer of weighted sums. It stores its
# weight matrix as `(out_features, in_features)`, the transpose of the course's
# `(n_in, n_out)` layout, and computes `x @ weight.T + bias`. Below we copy NumPy weights
# into a `Linear` layer and check that both give the same numbers. `torch.heaviside(z, 1)` is
# the step function with the value 1 at a tie, exactly the course's convention.

# %% [torch]
import torch  # noqa: E402 - a notebook cell imports what it needs

x = np.array([1.0, 0.5, -2.0])
w = np.array([0.8, -0.4, 0.3])
b = 0.1

neuron = torch.nn.Linear(3, 1, dtype=torch.float64)
with torch.no_grad():
    neuron.weight.copy_(torch.from_numpy(w).reshape(1, 3))  # (out, in) = (1, 3)
    neuron.bias.fill_(b)

z_torch = neuron(torch.from_numpy(x)).item()
z_numpy = float(np.dot(w, x) + b)
print("weighted sum: torch", round(z_torch, 12), " numpy", round(z_numpy, 12))
assert np.allclose(z_torch, z_numpy)

# Step neuron on a grid of inputs, including exact ties.
w2, b2 = np.array([1.0, 1.0]), -1.0
inputs = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.5, 0.5]])
z = torch.from_numpy(inputs @ w2 + b2)
fires_torch = torch.heaviside(z, torch.tensor(1.0, dtype=torch.float64)).numpy().astype(int)
fires_numpy = (inputs @ w2 + b2 >= 0).astype(int)
print("step outputs: torch", fires_torch, " numpy", fires_numpy)
assert np.array_equal(fires_torch, fires_numpy)

# %% [markdown]
# ## 6. A Q-value layer in PyTorch
#
# The output layer of section 4 as `torch.nn.Linear(D, A)`. Copy `W.T` into `layer.weight`
# (shape `(A, D)`) and `b` into `layer.bias`, then compare the whole `(N, A)` table of
# Q-values and the greedy actions.

# %% [torch]

rng = np.random.default_rng(3)
N, D, A = 5, 8, 4
Phi = rng.normal(size=(N, D))
W = rng.normal(size=(D, A)) / np.sqrt(D)
b = rng.normal(size=A)

layer = torch.nn.Linear(D, A, dtype=torch.float64)
with torch.no_grad():
    layer.weight.copy_(torch.from_numpy(W.T))  # torch keeps (out, in)
    layer.bias.copy_(torch.from_numpy(b))

Q_torch = layer(torch.from_numpy(Phi)).detach().numpy()
Q_numpy = Phi @ W + b
print("max |torch - numpy|:", float(np.max(np.abs(Q_torch - Q_numpy))))
print("greedy actions agree:", np.array_equal(Q_torch.argmax(axis=1), Q_numpy.argmax(axis=1)))
assert np.allclose(Q_torch, Q_numpy)
print("parameters:", sum(p.numel() for p in layer.parameters()))

# %% [markdown]
# ## 7. A layer of step neurons in PyTorch
#
# Extra practice 4 fires $M$ step neurons on a batch with one matrix product. In PyTorch that
# is an `nn.Linear(D, M)` followed by a threshold. Here the layer computes AND, OR and NAND of
# two inputs at once (three neurons), on all four 0/1 inputs. Ties fire: `>= 0`.

# %% [torch]

gates = torch.nn.Linear(2, 3, dtype=torch.float64)
with torch.no_grad():
    gates.weight.copy_(torch.tensor([[1.0, 1.0], [1.0, 1.0], [-1.0, -1.0]]))  # (out, in)
    gates.bias.copy_(torch.tensor([-1.5, -0.5, 1.5]))
inputs = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], dtype=torch.float64)
fires = (gates(inputs) >= 0).to(torch.int64)  # (4, 3): one column per neuron
print("columns: AND, OR, NAND")
print(fires.numpy())
W_np = gates.weight.detach().numpy().T  # the course's (D, M) layout
b_np = gates.bias.detach().numpy()
assert np.array_equal(fires.numpy(), (inputs.numpy() @ W_np + b_np >= 0).astype(int))

# %% [markdown]
# ## 8. Let PyTorch learn a neuron
#
# So far every weight was chosen by hand. Section 3's noisy neuron produces data: for each
# trial, a weighted sum $z$ and whether the neuron spiked. Can a *logistic* neuron
# $p(\text{spike}) = \sigma(a z + c)$ learn the firing curve from those spikes alone? Fit
# $a$ and $c$ by gradient descent on the binary cross-entropy (page 6 explains this loss):
# `nn.Linear(1, 1)` holds $a$ and $c$, `BCEWithLogitsLoss` applies the sigmoid stably, autograd
# computes the gradients and `torch.optim.SGD` takes the steps. Nobody tells it the answer.
# It finds an offset near 0 and a slope of about 1.8: close to section 3's constants but
# equal to neither, because maximum likelihood weighs the gaps between the two curves in yet
# another way: by how surprising each spike or silence is under the fitted curve.
#
# **Try:** set `noise_std = 0.5`: what slope does it learn, and why? Use fewer trials: how
# noisy is the estimate?

# %% [torch]

torch.manual_seed(0)
rng = np.random.default_rng(7)
noise_std = 1.0
z_trials = rng.uniform(-4, 4, size=20000)
spikes = (z_trials + rng.normal(0.0, noise_std, size=z_trials.shape) >= 0).astype(float)

Z = torch.from_numpy(z_trials).reshape(-1, 1)
S = torch.from_numpy(spikes).reshape(-1, 1)
neuron = torch.nn.Linear(1, 1, dtype=torch.float64)
loss_fn = torch.nn.BCEWithLogitsLoss()
opt = torch.optim.SGD(neuron.parameters(), lr=0.5)
for step in range(1, 2001):
    opt.zero_grad()
    loss = loss_fn(neuron(Z), S)
    loss.backward()  # autograd: d loss / d a and d loss / d c
    opt.step()  # a <- a - lr * grad, c <- c - lr * grad
    if step in (1, 10, 100, 2000):
        a, c = neuron.weight.item(), neuron.bias.item()
        print(f"step {step:4d}: loss {loss.item():.4f}, slope a = {a:.3f}, offset c = {c:+.3f}")
assert 1.5 < neuron.weight.item() < 2.1 and abs(neuron.bias.item()) < 0.2
print("learned slope:", round(neuron.weight.item(), 2), "(noise-free step: slope would grow without bound)")
