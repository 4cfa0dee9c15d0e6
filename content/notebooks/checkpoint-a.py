# %% [markdown]
# # Checkpoint A: a layer of neurons, in NumPy and in PyTorch
#
# This notebook extends the checkpoint's exercises. You will
#
# 1. run one layer with each activation on a grid of 2-D inputs and compare what comes out,
# 2. check the shapes of a batched layer,
# 3. multiply by the softmax Jacobian without building it (the vector-Jacobian product
#    every framework uses),
# 4. see the softmax Jacobian and the cross-entropy collapse into `p - y` (a preview of page 7),
# 5. build the same layer with `torch.nn.Linear`, and check your Jacobian against
#    `torch.autograd.functional.jacobian`,
# 6. train a neuron two ways on the same data: the perceptron rule of page 2 in NumPy, and a
#    sigmoid neuron written as an `nn.Module` and trained by `torch.optim.SGD`.
#
# The cells are self-contained; the reference implementations below are the ones the
# checkpoint asks for.

# %%
import numpy as np

try:
    import matplotlib.pyplot as plt
except ImportError:
    plt = None


def relu(z):
    return np.maximum(z, 0.0)


def sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def softmax(z, axis=-1):
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


ACTIVATIONS = {
    "relu": relu,
    "sigmoid": sigmoid,
    "tanh": np.tanh,
    "softmax": softmax,
    "linear": lambda z: z,
}


def neuron_forward(x, W, b, activation):
    """f(x @ W + b) for x (D,) or (N, D), W (D, M), b (M,)."""
    if activation not in ACTIVATIONS:
        raise ValueError(f"unknown activation {activation!r}")
    return ACTIVATIONS[activation](x @ W + b)


def softmax_jacobian(x):
    p = softmax(x)
    return np.diag(p) - np.outer(p, p)


print("ready; matplotlib", "available" if plt is not None else "not available (numbers only)")

# %% [markdown]
# ## 1. One layer, five activations
#
# Three neurons look at 2-D inputs (think of a state with two features, such as a cart's
# position and velocity). Each neuron's weighted sum is a tilted plane; the activation
# bends it. Softmax additionally makes the three neurons compete: at every input, their
# outputs sum to 1, so each neuron "owns" the region where its weighted sum is largest.
#
# **Try:** multiply `W` by 10. Which activations change character (become step-like), and
# which only rescale?

# %%
W = np.array([[1.0, -1.0, 0.0], [0.5, 0.5, -1.0]])  # (D=2, M=3)
b = np.array([0.0, 0.5, -0.25])
g = np.linspace(-3, 3, 61)
grid = np.stack(np.meshgrid(g, g), axis=-1).reshape(-1, 2)  # (3721, 2)
for act in ACTIVATIONS:
    out = neuron_forward(grid, W, b, act)
    print(
        f"{act:8s} output range [{out.min():7.3f}, {out.max():7.3f}]   "
        f"mean of row sums {out.sum(axis=1).mean():7.3f}"
    )

if plt is not None:
    fig, axes = plt.subplots(1, 3, figsize=(11, 3.2))
    owner = np.argmax(neuron_forward(grid, W, b, "softmax"), axis=1).reshape(61, 61)
    axes[0].imshow(owner, origin="lower", extent=(-3, 3, -3, 3))
    axes[0].set_title("softmax: most likely neuron")
    axes[1].imshow(
        neuron_forward(grid, W, b, "sigmoid")[:, 0].reshape(61, 61),
        origin="lower",
        extent=(-3, 3, -3, 3),
    )
    axes[1].set_title("sigmoid, neuron 0")
    axes[2].imshow(
        neuron_forward(grid, W, b, "relu")[:, 0].reshape(61, 61),
        origin="lower",
        extent=(-3, 3, -3, 3),
    )
    axes[2].set_title("relu, neuron 0")
    plt.show()

# %% [markdown]
# ## 2. Shapes of a batched layer
#
# Write down each shape before running the cell. A common source of silent bugs is a layer
# stored as `(M, D)` and applied as `x @ W`, which only fails when `D != M`.

# %%
rng = np.random.default_rng(0)
N, D, M = 5, 3, 4
X = rng.normal(size=(N, D))
W = rng.normal(size=(D, M))
b = rng.normal(size=M)
Z = X @ W + b
print("X", X.shape, " W", W.shape, " b", b.shape, " Z", Z.shape)
print("one input:", (X[0] @ W + b).shape, " parameters:", W.size + b.size)
print("row 0 of the batch equals the single-input result:", np.allclose(Z[0], X[0] @ W + b))

# %% [markdown]
# ## 3. The vector-Jacobian product of softmax
#
# Backpropagation never needs the full $K \times K$ Jacobian, only the product of an
# upstream gradient $\mathbf{g}$ with it. Because $J = \operatorname{diag}(\mathbf{p}) -
# \mathbf{p}\mathbf{p}^\top$ is symmetric,
#
# $$ J^\top \mathbf{g} = \mathbf{p} \odot \mathbf{g} - \mathbf{p}\,(\mathbf{p} \cdot \mathbf{g})
#    = \mathbf{p} \odot (\mathbf{g} - \mathbf{p} \cdot \mathbf{g}), $$
#
# which costs $O(K)$ instead of $O(K^2)$. For an Atari agent $K = 18$, so it hardly matters;
# for a language-model policy with $K = 50\,000$ tokens it is the difference between
# feasible and not.
#
# **Try:** time both versions for `K = 2000` with `%timeit`.

# %%
rng = np.random.default_rng(1)
K = 6
x = rng.normal(size=K)
g = rng.normal(size=K)
p = softmax(x)
full = softmax_jacobian(x).T @ g
cheap = p * (g - p @ g)
print("full Jacobian product:", np.round(full, 5))
print("O(K) product:        ", np.round(cheap, 5))
print("equal:", np.allclose(full, cheap))
assert np.allclose(full, cheap)

# %% [markdown]
# ## 4. Softmax followed by cross-entropy: the gradient is `p - y`
#
# Page 6 defines the cross-entropy of a one-hot label $\mathbf{y}$ as
# $L = -\sum_i y_i \log p_i$. Its gradient with respect to the probabilities is
# $-\mathbf{y} / \mathbf{p}$; pushing that back through the softmax Jacobian gives the
# famous simplification $\partial L / \partial \mathbf{x} = \mathbf{p} - \mathbf{y}$.
# Verify it numerically, then check with finite differences.

# %%
y = np.zeros(K)
y[2] = 1.0
chain = softmax_jacobian(x).T @ (-y / p)
print("J^T (-y/p):", np.round(chain, 6))
print("p - y     :", np.round(p - y, 6))
eps = 1e-6


def ce(v):
    return -np.log(softmax(v)[2])


numeric = np.array([(ce(x + eps * e) - ce(x - eps * e)) / (2 * eps) for e in np.eye(K)])
print("finite differences agree:", np.allclose(numeric, p - y, atol=1e-7))
assert np.allclose(chain, p - y) and np.allclose(numeric, p - y, atol=1e-7)

# %% [markdown]
# ## 5. The same layer in PyTorch
#
# `torch.nn.Linear(D, M)` holds `weight` of shape `(M, D)` and `bias` of shape `(M,)`, and
# computes `x @ weight.T + bias`. So the course's `W` is `weight.T`. Below, the same layer
# with each activation is computed by PyTorch and by `neuron_forward`, in float64.

# %% [torch]
import torch  # noqa: E402

torch.manual_seed(0)
layer = torch.nn.Linear(3, 4).double()
heads = {
    "relu": torch.nn.ReLU(),
    "sigmoid": torch.nn.Sigmoid(),
    "tanh": torch.nn.Tanh(),
    "softmax": torch.nn.Softmax(dim=-1),
    "linear": torch.nn.Identity(),
}
X = np.random.default_rng(2).normal(size=(5, 3)) * 10
W_np = layer.weight.detach().numpy().T  # (D, M)
b_np = layer.bias.detach().numpy()
for name, head in heads.items():
    model = torch.nn.Sequential(layer, head)
    with torch.no_grad():
        want = model(torch.tensor(X)).numpy()
    got = neuron_forward(X, W_np, b_np, name)
    print(
        f"{name:8s} NumPy matches torch.nn.Sequential(Linear, {type(head).__name__}):",
        np.allclose(got, want),
    )
    assert np.allclose(got, want)

# %% [torch]
# The softmax Jacobian, by autograd.
for x_np in (np.array([0.0, np.log(2), np.log(5)]), np.array([1e4, 1e4 - 1.0, -1e4])):
    J_t = torch.autograd.functional.jacobian(
        lambda t: torch.softmax(t, dim=0), torch.tensor(x_np)
    ).numpy()
    print(np.round(softmax_jacobian(x_np), 4))
    print("matches autograd:", np.allclose(softmax_jacobian(x_np), J_t))
    assert np.allclose(softmax_jacobian(x_np), J_t)


# %% [markdown]
# ## 6. Two ways to train one neuron
#
# The same linearly separable data (two clusters of 2-D states), two learning rules. The
# perceptron rule of page 2 changes the weights only after a mistake and stops once an epoch
# has none. A sigmoid neuron trained by gradient descent on the cross-entropy uses every sample,
# weighted by how wrong its probability is, and never stops on its own: it keeps growing its
# confidence. Both end with a separating line; only the second also gives probabilities.
#
# **Try:** move the clusters closer (`shift = 0.5`). How many epochs does the perceptron need,
# and what happens to the sigmoid neuron's accuracy?

# %%
rng = np.random.default_rng(4)
shift = 1.5
X_sep = np.r_[rng.normal(-shift, 0.6, size=(40, 2)), rng.normal(shift, 0.6, size=(40, 2))]
y_sep = np.r_[np.zeros(40), np.ones(40)]

w, b_p = np.zeros(2), 0.0
for epoch in range(1, 101):  # noqa: B007 (the count is printed below)
    mistakes = 0
    for x_i, y_i in zip(X_sep, y_sep):
        y_hat = float(x_i @ w + b_p >= 0)
        if y_hat != y_i:
            w, b_p = w + (y_i - y_hat) * x_i, b_p + (y_i - y_hat)
            mistakes += 1
    if mistakes == 0:
        break
print(f"perceptron: converged after {epoch} epoch(s), w = {np.round(w, 2)}, b = {b_p:.1f}")


# %% [torch]
class SigmoidNeuron(torch.nn.Module):
    def __init__(self, n_in):
        super().__init__()
        self.linear = torch.nn.Linear(n_in, 1)

    def forward(self, x):
        return torch.sigmoid(self.linear(x))[:, 0]  # P(class 1)


torch.manual_seed(0)
neuron = SigmoidNeuron(2).double()
opt = torch.optim.SGD(neuron.parameters(), lr=0.5)
Xt, yt = torch.tensor(X_sep), torch.tensor(y_sep)
for _epoch in range(200):
    p = neuron(Xt)
    loss = torch.nn.functional.binary_cross_entropy(p, yt)
    opt.zero_grad()
    loss.backward()
    opt.step()
with torch.no_grad():
    p = neuron(Xt).numpy()
acc = float(np.mean((p >= 0.5) == (y_sep == 1)))
print(f"sigmoid neuron: loss {loss.item():.4f}, accuracy {acc:.2f}")
print("probabilities of the first three states:", np.round(p[:3], 3))
assert acc == 1.0
