# %% [markdown]
# # Multi-Layer Perceptrons: experiments and the PyTorch version
#
# This notebook goes beyond the page's exercises. You will
#
# 1. watch the signal vanish or explode through a deep ReLU network for different weight scales,
# 2. see the symmetry problem of equal initial weights with finite-difference gradients,
# 3. approximate a function with one wide hidden layer and measure how the error falls with width,
# 4. compare depth and width on the sawtooth function,
# 5. count the parameters (and the memory) of real RL networks,
# 6. build the same MLP with `torch.nn` and check that NumPy and PyTorch agree,
# 7. train a small MLP on XOR by gradient descent, in NumPy and as a PyTorch `nn.Module`
#    with `torch.optim`, and look at what its hidden layer learned,
# 8. train deep ReLU networks with three initializations in PyTorch and watch which ones learn.
#
# Every cell here is self-contained: it does not need your exercise solutions. Plots appear
# when matplotlib is available; every experiment also prints its numbers.

# %%
import numpy as np

try:
    import matplotlib.pyplot as plt
except ImportError:  # the numbers below are printed either way
    plt = None


def relu(z):
    return np.maximum(z, 0.0)


def step(z):
    return (z >= 0).astype(float)


def layer_pairs(sizes):
    """Consecutive (n_in, n_out) pairs of a list of layer widths."""
    return list(zip(sizes[:-1], sizes[1:]))


print("ready; matplotlib", "available" if plt is not None else "not available (numbers only)")

# %% [markdown]
# ## 1. Initialization scale and depth
#
# Push a batch of random inputs through `depth` ReLU layers of equal width and record the root
# mean square (RMS) of the activations after every layer. The weights are drawn with
# standard deviation `gain / sqrt(n_in)`; He initialization is `gain = sqrt(2)`.
#
# **Try:** change `width` to 64 or 1024, and `depth` to 50. Which curve stays flat? Add a curve
# for `gain = 1.5`. What happens if you use `np.tanh` instead of `relu` (which gain is best then)?


# %%
def activation_rms(X, depth, std, rng, activation=relu):
    """RMS of the activations after each of `depth` square layers with N(0, std^2) weights."""
    A = X
    out = []
    for _ in range(depth):
        W = rng.normal(0.0, std, size=(A.shape[1], A.shape[1]))
        A = activation(A @ W)
        out.append(float(np.sqrt(np.mean(A**2))))
    return np.array(out)


width, depth = 256, 30
rng = np.random.default_rng(0)
X = rng.standard_normal((500, width))
curves = {}
for label, gain in [
    ("gain 0.5", 0.5),
    ("gain 1 (Xavier-like)", 1.0),
    ("gain sqrt(2) (He)", np.sqrt(2)),
    ("gain 2", 2.0),
]:
    curves[label] = activation_rms(X, depth, gain / np.sqrt(width), rng)
    c = curves[label]
    print(f"{label:22s} layer 1: {c[0]:9.3e}   layer 10: {c[9]:9.3e}   layer 30: {c[29]:9.3e}")

if plt is not None:
    fig, ax = plt.subplots(figsize=(6, 4))
    for label, c in curves.items():
        ax.semilogy(np.arange(1, depth + 1), c, label=label)
    ax.set_xlabel("layer")
    ax.set_ylabel("RMS of activations")
    ax.set_title(f"ReLU network, width {width}")
    ax.legend()
    plt.show()

# %% [markdown]
# Each layer multiplies the RMS by about `gain / sqrt(2)`: the He gain `sqrt(2)` is the only one
# that keeps it at 1. The same factor applies to gradients on the way back (page 7), which is why
# a badly scaled deep network barely learns.

# %% [markdown]
# ## 2. The symmetry problem, measured
#
# Take a 3-4-1 network with a ReLU hidden layer and a squared-error loss on a few data points.
# We compute the gradient of the loss with respect to every entry of `W1` by central finite
# differences (page 7 will do this exactly and fast). If all hidden units start with the same
# weights, every column of the gradient is the same, so after any number of gradient steps the
# units are still identical.
#
# **Try:** replace `W1_equal` by `0.0 * W1_equal` (all zeros). Which gradients are zero now, and why?


# %%
def loss(W1, b1, W2, b2, X, y):
    pred = relu(X @ W1 + b1) @ W2 + b2  # (N, 1)
    return float(np.mean((pred[:, 0] - y) ** 2))


def finite_difference_grad(W1, b1, W2, b2, X, y, eps=1e-6):
    grad = np.zeros_like(W1)
    for idx in np.ndindex(W1.shape):
        plus, minus = W1.copy(), W1.copy()
        plus[idx] += eps
        minus[idx] -= eps
        grad[idx] = (loss(plus, b1, W2, b2, X, y) - loss(minus, b1, W2, b2, X, y)) / (2 * eps)
    return grad


rng = np.random.default_rng(1)
X_small = rng.standard_normal((8, 3))
y_small = rng.standard_normal(8)
b1, b2 = np.zeros(4), np.zeros(1)

W1_equal = np.full((3, 4), 0.3)  # every hidden unit has the same incoming weights
W2_equal = np.full((4, 1), 0.5)  # ... and the same outgoing weight
g_equal = finite_difference_grad(W1_equal, b1, W2_equal, b2, X_small, y_small)
print("gradient of W1, equal initial weights (columns = hidden units):")
print(np.round(g_equal, 4))

W1_rand = rng.normal(0, np.sqrt(2 / 3), size=(3, 4))
W2_rand = rng.normal(0, np.sqrt(2 / 4), size=(4, 1))
g_rand = finite_difference_grad(W1_rand, b1, W2_rand, b2, X_small, y_small)
print("gradient of W1, random initial weights:")
print(np.round(g_rand, 4))
print("all columns equal with equal init: ", np.allclose(g_equal, g_equal[:, :1]))
print("all columns equal with random init:", np.allclose(g_rand, g_rand[:, :1]))

# %% [markdown]
# ## 3. Universal approximation in practice: one wide layer
#
# The theorem says one hidden layer is enough. Here the hidden layer is **random** (He-initialized
# ReLU units that we never train) and only the output weights are fitted, by least squares.
# Even this lazy version approximates the target better and better as the layer gets wider.
#
# The target is a made-up "value function" of a pole angle: smooth in the middle, falling off
# steeply near the failure angles.
#
# **Try:** a rougher target such as `np.sign(np.sin(15 * x))`. How does the error behave with width
# now? Set `n_train=50`: what happens to the *test* error once the width exceeds the number of
# training points?


# %%
def target(x):
    return np.tanh(4 * (0.2 - np.abs(x))) + 0.3 * np.cos(5 * x)


def random_feature_fit(width, seed, n_train=1000):
    """Fit only the output layer of a random ReLU layer; return the RMS error on a test grid."""
    rng = np.random.default_rng(seed)
    x_train = rng.uniform(-0.4, 0.4, size=(n_train, 1))
    x_test = np.linspace(-0.4, 0.4, 1001)[:, None]
    W1 = rng.normal(0, np.sqrt(2.0), size=(1, width))  # He for n_in = 1
    b1 = -W1[0] * rng.uniform(-0.4, 0.4, size=width)  # kink of unit j at a random x
    H_train = np.c_[relu(x_train @ W1 + b1), np.ones(n_train)]  # + a column for the bias
    w2, *_ = np.linalg.lstsq(H_train, target(x_train[:, 0]), rcond=None)
    H_test = np.c_[relu(x_test @ W1 + b1), np.ones(len(x_test))]
    pred = H_test @ w2
    return float(np.sqrt(np.mean((pred - target(x_test[:, 0])) ** 2))), x_test[:, 0], pred


for width in [2, 4, 8, 16, 32, 64, 128, 256]:
    errors = [random_feature_fit(width, seed)[0] for seed in range(5)]
    print(f"width {width:4d}: RMS test error {np.mean(errors):.4f} (mean of 5 random layers)")

if plt is not None:
    fig, ax = plt.subplots(figsize=(6, 4))
    for width in [4, 16, 64]:
        _, xs, pred = random_feature_fit(width, seed=0)
        ax.plot(xs, pred, "--", label=f"width {width}")
    ax.plot(xs, target(xs), "k", lw=2, label="target")
    ax.legend()
    plt.show()

# %% [markdown]
# ## 4. Depth versus width: the sawtooth
#
# The tent map `tent(x) = 2 relu(x) - 4 relu(x - 0.5)` uses two ReLU units. Composing it `k` times
# (a deep network with `k` layers of 2 units) gives a sawtooth with `2**k` linear pieces. A single
# hidden layer needs roughly one unit per kink. Below we fit the depth-5 sawtooth with *one*
# ReLU layer of growing width, with its kinks spread evenly over [0, 1), and compare.
#
# **Try:** depth 7. How wide must the single layer be now?


# %%
def tent(x):
    return 2 * relu(x) - 4 * relu(x - 0.5)


def sawtooth(x, k):
    for _ in range(k):
        x = tent(x)
    return x


k = 5
x = np.linspace(0, 1, 4001)[:, None]
y = sawtooth(x[:, 0], k)
print(f"deep: {k} layers x 2 units = {2 * k} ReLUs, {2**k} linear pieces, exact")
for width in [8, 16, 24, 31, 32, 64]:
    kinks = np.arange(width) / width  # unit j: relu(x - j / width), evenly spread
    H = np.c_[relu(x - kinks), np.ones(len(x))]
    w2, *_ = np.linalg.lstsq(H, y, rcond=None)
    print(f"one hidden layer of width {width:3d}: max error {np.max(np.abs(H @ w2 - y)):.3f}")

if plt is not None:
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.plot(x[:, 0], y, "k", label=f"deep sawtooth, k={k}")
    kinks = np.arange(16) / 16
    H = np.c_[relu(x - kinks), np.ones(len(x))]
    w2, *_ = np.linalg.lstsq(H, y, rcond=None)
    ax.plot(x[:, 0], H @ w2, "r--", label="one layer, width 16")
    ax.legend()
    plt.show()

# %% [markdown]
# The shallow network becomes exact only when it has a unit at every one of the 31 kinks
# (width 32 puts one at each multiple of 1/32, 64 as well). For `k = 20` the deep network still
# needs 40 units; a single layer would need about a million.

# %% [markdown]
# ## 5. Parameters and memory of RL networks
#
# Count the parameters of a few networks from the RL literature and estimate their memory
# during training with Adam (float32 parameters + gradients + two Adam moments = 16 bytes each).
#
# **Try:** add the MLP of a MuJoCo SAC agent, `17 -> 256 -> 256 -> 6` for the actor. Which layer
# dominates in each network?


# %%
def n_params(sizes):
    return sum(n_in * n_out + n_out for n_in, n_out in layer_pairs(sizes))


networks = {
    "CartPole DQN": [4, 64, 64, 2],
    "LunarLander policy": [8, 64, 64, 4],
    "Nature DQN head, Breakout (4 actions)": [3136, 512, 4],
    "Nature DQN head, full action set (18)": [3136, 512, 18],
}
for name, sizes in networks.items():
    p = n_params(sizes)
    per_layer = [n_in * n_out + n_out for n_in, n_out in layer_pairs(sizes)]
    print(
        f"{name:40s} {p:>10,d} params  {16 * p / 2**20:7.2f} MiB with Adam   per layer {per_layer}"
    )

# %% [markdown]
# ## 6. The same network in PyTorch
#
# The cells below need PyTorch. `torch.nn.Linear(n_in, n_out)` holds `weight` with shape
# `(n_out, n_in)` and computes `x @ weight.T + bias`; our `W` is `(n_in, n_out)`. So copying a
# NumPy layer into PyTorch is `weight = W.T`.
#
# First: build the CartPole Q-network with `nn.Sequential` and compare its parameter count with
# the formula.

# %% [torch]
import torch  # noqa: E402 - a notebook cell imports what it needs

sizes = [4, 64, 64, 2]
q_net = torch.nn.Sequential(
    torch.nn.Linear(4, 64),
    torch.nn.ReLU(),
    torch.nn.Linear(64, 64),
    torch.nn.ReLU(),
    torch.nn.Linear(64, 2),
)
print(q_net)
torch_count = sum(p.numel() for p in q_net.parameters())
print("PyTorch parameters:", torch_count, "  formula:", n_params(sizes))
assert torch_count == n_params(sizes)
for name, p in q_net.named_parameters():
    print(f"{name:10s} {tuple(p.shape)}")

# %% [markdown]
# Next: He-initialize in NumPy, copy the weights into the PyTorch network (transposed), and check
# that both compute the same Q-values for a batch of states.


# %% [torch]
def he_normal_layers(sizes, seed=0):
    rng = np.random.default_rng(seed)
    return [
        (rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out)), np.zeros(n_out))
        for n_in, n_out in layer_pairs(sizes)
    ]


def numpy_q_values(X, params):
    A = X
    for i, (W, b) in enumerate(params):
        A = A @ W + b
        if i < len(params) - 1:
            A = relu(A)
    return A


params = he_normal_layers(sizes, seed=0)
q_net = q_net.double()
linears = [m for m in q_net if isinstance(m, torch.nn.Linear)]
with torch.no_grad():
    for (W, b), lin in zip(params, linears):
        lin.weight.copy_(torch.from_numpy(W.T.copy()))  # (n_out, n_in) in PyTorch
        lin.bias.copy_(torch.from_numpy(b))

states = np.random.default_rng(1).standard_normal((5, 4))
q_numpy = numpy_q_values(states, params)
q_torch = q_net(torch.from_numpy(states)).detach().numpy()
print(q_numpy)
print("NumPy and PyTorch agree:", np.allclose(q_numpy, q_torch))
assert np.allclose(q_numpy, q_torch)

# %% [markdown]
# PyTorch's initializers, compared with ours:
#
# - `torch.nn.init.kaiming_normal_(w, mode="fan_in", nonlinearity="relu")` is He-normal:
#   std `sqrt(2 / fan_in)`, where `fan_in` is `w.shape[1]` because of the `(out, in)` layout.
# - `torch.nn.init.xavier_uniform_(w)` is Glorot-uniform with limit `sqrt(6 / (fan_in + fan_out))`.
# - The default of `nn.Linear` is uniform on `(-1/sqrt(fan_in), 1/sqrt(fan_in))`: std
#   `1/sqrt(3 fan_in)`, smaller than He.
#
# **Try:** build a 30-layer ReLU stack with the default `nn.Linear` init and measure the RMS of the
# activations at the end, as in experiment 1.

# %% [torch]
n_in, n_out = 1024, 512
rng = np.random.default_rng(0)
W_np = rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))

torch.manual_seed(0)
w_kaiming = torch.empty(n_out, n_in, dtype=torch.float64)
torch.nn.init.kaiming_normal_(w_kaiming, mode="fan_in", nonlinearity="relu")
w_xavier = torch.empty(n_out, n_in, dtype=torch.float64)
torch.nn.init.xavier_uniform_(w_xavier)
w_default = torch.nn.Linear(n_in, n_out).weight.detach().double()

print(f"target He std  sqrt(2/n_in)        = {np.sqrt(2 / n_in):.5f}")
print(f"NumPy He-normal std                = {W_np.std():.5f}")
print(f"kaiming_normal_ std                = {w_kaiming.std().item():.5f}")
print(
    f"xavier_uniform_ std (target {np.sqrt(2 / (n_in + n_out)):.5f}) = {w_xavier.std().item():.5f}"
)
print(
    f"nn.Linear default std (target {np.sqrt(1 / (3 * n_in)):.5f}) = {w_default.std().item():.5f}"
)
assert np.allclose(W_np.std(), w_kaiming.std().item(), rtol=0.02)
assert np.allclose(w_xavier.std().item(), np.sqrt(2 / (n_in + n_out)), rtol=0.02)

# %% [markdown]
# Finally, a hand-built step network in PyTorch: the CartPole "safe zone" detector of the page
# (a 1-2-1 network that fires for cart positions -2.4 <= x < 2.4). The step function is
# `(z >= 0)`; it has no useful gradient, which is why trained networks use ReLU or tanh instead.
#
# **Try:** put your weights from the `xor_network` exercise into the same cell (a 2-2-1 network,
# inputs `[[0, 0], [0, 1], [1, 0], [1, 1]]`) and check that PyTorch also outputs `[0, 1, 1, 0]`.

# %% [torch]
W1 = np.array([[1.0, 1.0]])  # (1, 2): both hidden units look at the cart position
b1 = np.array([2.4, -2.4])  # unit 0: x >= -2.4, unit 1: x >= 2.4
W2 = np.array([[1.0], [-1.0]])  # (2, 1): on when unit 0 is on and unit 1 is off
b2 = np.array([-0.5])

x_cart = np.array([[-3.0], [-2.4], [-1.0], [0.0], [2.0], [2.4], [3.5]])
layer1, layer2 = torch.nn.Linear(1, 2).double(), torch.nn.Linear(2, 1).double()
with torch.no_grad():
    layer1.weight.copy_(torch.from_numpy(W1.T.copy()))
    layer1.bias.copy_(torch.from_numpy(b1))
    layer2.weight.copy_(torch.from_numpy(W2.T.copy()))
    layer2.bias.copy_(torch.from_numpy(b2))
    hidden = (layer1(torch.from_numpy(x_cart)) >= 0).double()
    safe_torch = (layer2(hidden) >= 0).double().numpy()

safe_numpy = step(step(x_cart @ W1 + b1) @ W2 + b2)
print("positions:", x_cart[:, 0])
print("NumPy    :", safe_numpy[:, 0])
print("PyTorch  :", safe_torch[:, 0])
print("agree:", np.allclose(safe_numpy, safe_torch))
assert np.allclose(safe_numpy, safe_torch)


# %% [markdown]
# ## 7. Learning XOR instead of building it
#
# The `xor_network` exercise builds XOR by hand with step units. A network with smooth units
# can *learn* it. Below, a `2 -> 2 -> 1` network with tanh hidden units and a sigmoid output
# is trained by full-batch gradient descent on the four points, first in NumPy (the backward
# pass written out: page 7 derives it), then as a PyTorch `nn.Module` with autograd and
# `torch.optim.SGD`. Afterwards we look at the hidden layer: the four points are mapped to
# places where a single line separates the classes (the figure of the page).
#
# **Try:** change the seed. Some seeds get stuck with two of the four points at 0.5 (a local
# minimum of this tiny network); a hidden layer of 4 or 8 units almost never does. Why might
# width help optimisation?

# %%
X_xor = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
y_xor = np.array([0.0, 1.0, 1.0, 0.0])


def train_xor_numpy(seed=0, hidden=2, steps=4000, lr=0.5):
    rng = np.random.default_rng(seed)
    W1, b1 = rng.normal(0.0, 1.0, size=(2, hidden)), np.zeros(hidden)
    W2, b2 = rng.normal(0.0, 1.0, size=hidden), 0.0
    for _ in range(steps):
        H = np.tanh(X_xor @ W1 + b1)
        p = 1.0 / (1.0 + np.exp(-(H @ W2 + b2)))
        d = (p - y_xor) / 4  # d loss / d logit for the mean cross-entropy
        dH = np.outer(d, W2) * (1.0 - H**2)  # back through W2 and tanh
        W2, b2 = W2 - lr * H.T @ d, b2 - lr * d.sum()
        W1, b1 = W1 - lr * X_xor.T @ dH, b1 - lr * dH.sum(axis=0)
    return (W1, b1, W2, b2), p


for seed in range(4):
    _, p = train_xor_numpy(seed)
    print(f"seed {seed}: outputs {np.round(p, 3)}")

# %% [markdown]
# The same network as a PyTorch module. `forward` says how the layers connect; the
# parameters are registered automatically because they are attributes of type `nn.Linear`.

# %% [torch]
import torch  # noqa: E402


class XorNet(torch.nn.Module):
    def __init__(self, hidden=2):
        super().__init__()
        self.hidden = torch.nn.Linear(2, hidden)
        self.out = torch.nn.Linear(hidden, 1)

    def forward(self, x):
        h = torch.tanh(self.hidden(x))
        return self.out(h)[:, 0], h  # logits and the hidden representation


torch.manual_seed(0)
net = XorNet(hidden=4).double()
opt = torch.optim.SGD(net.parameters(), lr=0.5)
loss_fn = torch.nn.BCEWithLogitsLoss()
Xt, yt = torch.tensor(X_xor), torch.tensor(y_xor)
for step in range(3001):
    logits, _ = net(Xt)
    xor_loss = loss_fn(logits, yt)
    opt.zero_grad()
    xor_loss.backward()
    opt.step()
    if step % 1000 == 0:
        print(f"step {step:4d}: loss {xor_loss.item():.4f}")
with torch.no_grad():
    logits, H = net(Xt)
probs = torch.sigmoid(logits).numpy()
print("outputs:", np.round(probs, 3))
assert np.array_equal(probs > 0.5, y_xor == 1), "the trained network should compute XOR"

# %% [markdown]
# What did the hidden layer learn? Its four outputs per input are the new coordinates of the
# points. A single least-squares line fitted on them (no hidden layer of its own) already
# separates XOR, while the same fit on the raw inputs cannot.

# %% [torch]
H_np = H.numpy()
for name, feats in [("raw inputs", X_xor), ("learned hidden layer", H_np)]:
    A = np.c_[feats, np.ones(4)]  # a linear model with a bias column
    coef, *_ = np.linalg.lstsq(A, y_xor, rcond=None)
    fit = A @ coef
    print(
        f"{name:21s}: linear fit {np.round(fit, 2)}  separates XOR: {bool(np.all((fit > 0.5) == (y_xor == 1)))}"
    )

# %% [markdown]
# ## 8. Does the initialization decide whether a deep network learns?
#
# Section 1 measured the forward signal. Here we train: a 10-layer ReLU network of width 32
# learns a simple regression target with Adam, with the hidden weights drawn at std 0.01,
# Xavier (`xavier_normal_`) or He (`kaiming_normal_`). PyTorch does all the work: the module,
# the initializers, autograd and the optimiser.
#
# **Try:** 30 layers. Then replace Adam by plain `torch.optim.SGD(lr=0.01)`: which
# initializations still learn?


# %% [torch]
def deep_relu_net(depth, width, init):
    layers, n_in = [], 4
    for _ in range(depth):
        lin = torch.nn.Linear(n_in, width)
        init(lin.weight)
        torch.nn.init.zeros_(lin.bias)
        layers += [lin, torch.nn.ReLU()]
        n_in = width
    layers.append(torch.nn.Linear(n_in, 1))
    return torch.nn.Sequential(*layers)


inits = {
    "std 0.01": lambda w: torch.nn.init.normal_(w, 0.0, 0.01),
    "Xavier": torch.nn.init.xavier_normal_,
    "He": lambda w: torch.nn.init.kaiming_normal_(w, nonlinearity="relu"),
}
gen = torch.Generator().manual_seed(0)
X_reg = torch.randn(128, 4, generator=gen)
y_reg = torch.sin(X_reg[:, :1] * 2) + 0.5 * X_reg[:, 1:2]
results = {}
for name, init in inits.items():
    torch.manual_seed(1)
    model = deep_relu_net(10, 32, init)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for _step in range(100):
        mse = torch.nn.functional.mse_loss(model(X_reg), y_reg)
        opt.zero_grad()
        mse.backward()
        opt.step()
    results[name] = mse.item()
    print(
        f"{name:9s} MSE after 100 Adam steps: {mse.item():.4f}   (predicting the mean: {y_reg.var().item():.4f})"
    )
assert results["He"] < results["std 0.01"]
