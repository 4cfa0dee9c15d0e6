# %% [markdown]
# # Backpropagation: experiments and the PyTorch version
#
# This notebook goes beyond the page's exercises. You will
#
# 1. check a whole network's backward pass, layer by layer, with a numerical gradient,
# 2. sweep the finite-difference step and see truncation and rounding error in a real network,
# 3. plant the three classic backprop bugs and watch the gradient check catch each one,
# 4. measure gradient sizes layer by layer in deep sigmoid and ReLU networks,
# 5. time backpropagation against numerical differentiation,
# 6. let PyTorch's autograd do the same work on the same network: `requires_grad`,
#    `.backward()`, `.grad`, `torch.autograd.gradcheck`, the semi-gradient with `.detach()`,
#    and a short training run in NumPy and in PyTorch that follows the same loss curve.
#
# The cells are self-contained: they do not need your exercise solutions, but wherever a cell
# says so you can swap in your own `mlp_backward`, `numerical_gradient` or
# `relative_error`. Every experiment prints its numbers; plots appear when matplotlib is
# available.

# %%
import time

import numpy as np

try:
    import matplotlib.pyplot as plt
except ImportError:  # the numbers below are printed either way
    plt = None


def init_layers(sizes, seed=0, bias_std=0.1):
    """He-normal weights (n_in, n_out) and small random biases."""
    rng = np.random.default_rng(seed)
    return [
        (rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out)), rng.normal(0.0, bias_std, n_out))
        for n_in, n_out in zip(sizes[:-1], sizes[1:])
    ]


def forward(X, params):
    """Page 5's mlp_forward: ReLU hidden layers, linear output, one (A_in, Z) per layer."""
    cache, A = [], X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        cache.append((A, Z))
        A = Z if i == len(params) - 1 else np.maximum(Z, 0.0)
    return A, cache


def backward(dout, cache, params):
    """A backward pass like the exercise mlp_backward (swap in yours)."""
    grads, dA = [None] * len(params), dout
    for i in reversed(range(len(params))):
        A_in, Z = cache[i]
        dZ = dA if i == len(params) - 1 else np.where(Z > 0, dA, 0.0)
        grads[i] = (A_in.T @ dZ, dZ.sum(axis=0))
        dA = dZ @ params[i][0].T
    return grads


def ce_loss_and_grad(logits, labels):
    """Mean cross-entropy (page 6) and its gradient with respect to the logits."""
    N = len(labels)
    z = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(z)
    p /= p.sum(axis=1, keepdims=True)
    loss = float(np.mean(np.log(np.sum(np.exp(z), axis=1)) - z[np.arange(N), labels]))
    p[np.arange(N), labels] -= 1.0
    return loss, p / N


def numeric_grad(f, x, eps=1e-5):
    """Central differences of f() with respect to the array x, perturbed in place and restored."""
    g = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + eps
        plus = f()
        x[idx] = old - eps
        minus = f()
        x[idx] = old
        g[idx] = (plus - minus) / (2 * eps)
    return g


def rel_error(a, b):
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))


print("ready; matplotlib", "available" if plt is not None else "not available (numbers only)")

# %% [markdown]
# ## 1. A gradient check of a whole network, layer by layer
#
# A small classifier 4 -> 6 -> 5 -> 3 on a batch of 7 random states with random labels (all
# sizes different, batch larger than 1). The loss function reads the weights from `params`,
# so the numerical gradient perturbs those very arrays. The report gives one relative error
# per array: it says not only *whether* the backward pass is wrong but *where*.
#
# **Try:** replace `backward` by your `mlp_backward`, and `numeric_grad` / `rel_error` by your
# `numerical_gradient` / `relative_error` (your `numerical_gradient(f, x)` calls `f(x)`:
# pass `lambda _: loss_fn()`).

# %%
rng = np.random.default_rng(0)
X = rng.standard_normal((7, 4))
labels = rng.integers(0, 3, size=7)
params = init_layers([4, 6, 5, 3], seed=1, bias_std=0.3)


def loss_fn():
    logits, _ = forward(X, params)
    return ce_loss_and_grad(logits, labels)[0]


logits, cache = forward(X, params)
loss, dlogits = ce_loss_and_grad(logits, labels)
grads = backward(dlogits, cache, params)
print(f"loss {loss:.4f}  (ln 3 = {np.log(3):.4f})")
for i, ((W, b), (dW, db)) in enumerate(zip(params, grads)):
    eW = rel_error(dW, numeric_grad(loss_fn, W))
    eb = rel_error(db, numeric_grad(loss_fn, b))
    print(f"layer {i}: W {W.shape}  relative error {eW:.1e}   b {b.shape}  relative error {eb:.1e}")

# %% [markdown]
# ## 2. The step size: truncation against rounding, in a real network
#
# The page's figure showed the error of a numerical derivative of a scalar function as the
# step shrinks. Here is the same sweep for the first weight matrix of the network above, in
# float64 and, by running the very same loss in float32, in float32.
#
# **Try:** which step would you choose for float32? Is any step good enough to tell a
# correct float32 gradient from one that is 1 % off?

# %% [figure] p07-finite-difference-error

# %%
W0 = params[0][0]
dW0 = grads[0][0]
params32 = [(W.astype(np.float32), b.astype(np.float32)) for W, b in params]
X32 = X.astype(np.float32)


def loss_fn32():
    logits, _ = forward(X32, params32)
    z = logits - logits.max(axis=1, keepdims=True)
    return float(np.mean(np.log(np.sum(np.exp(z), axis=1)) - z[np.arange(7), labels]))


print("   eps     float64     float32")
for eps in (1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8):
    e64 = rel_error(dW0, numeric_grad(loss_fn, W0, eps=eps))
    e32 = rel_error(dW0, numeric_grad(loss_fn32, params32[0][0], eps=np.float32(eps)))
    print(f"{eps:7.0e}   {e64:9.1e}   {e32:9.1e}")

# %% [markdown]
# (An error near 1 for tiny steps means some entries' numerical gradient is pure noise.
# Also note that with $\varepsilon = 10^{-1}$ a nudge may push a pre-activation across the
# ReLU's kink, another source of error for large steps.)
#
# ## 3. A bug zoo
#
# Three backward passes, each with one realistic bug, against the same gradient check. A
# correct backward pass scores about $10^{-9}$; look at how far above $10^{-2}$ each bug lands,
# and in which layers.
#
# **Try:** make a fourth bug: use `Z >= 0` for the gate. Can the check see it? (With random
# inputs no `Z` is exactly 0, so the two agree: the convention at 0 only matters where inputs
# are exactly at the kink, for example a zero-initialised network.)


# %%
def backward_no_mean(dout, cache, params):
    """Bug 1: the 1/N of the mean is lost (the caller passes N * dout)."""
    return backward(dout * len(dout), cache, params)


def backward_transposed(dout, cache, params):
    """Bug 2: dW transposed for square layers (it only runs where the shapes allow it)."""
    grads = backward(dout, cache, params)
    return [(dW.T if dW.shape[0] == dW.shape[1] else dW, db) for dW, db in grads]


def backward_wrong_gate(dout, cache, params):
    """Bug 3: the gates sit in the wrong layers: the output is gated, the first layer is not."""
    grads, dA = [None] * len(params), dout
    for i in reversed(range(len(params))):
        A_in, Z = cache[i]
        dZ = dA if i == 0 else np.where(Z > 0, dA, 0.0)
        grads[i] = (A_in.T @ dZ, dZ.sum(axis=0))
        dA = dZ @ params[i][0].T
    return grads


params_sq = init_layers([4, 6, 6, 3], seed=2, bias_std=0.3)  # one square hidden layer (6, 6)


def loss_sq():
    logits, _ = forward(X, params_sq)
    return ce_loss_and_grad(logits, labels)[0]


logits, cache = forward(X, params_sq)
_, dlogits = ce_loss_and_grad(logits, labels)
numeric = [(numeric_grad(loss_sq, W), numeric_grad(loss_sq, b)) for W, b in params_sq]
for name, fn in [
    ("correct", backward),
    ("1/N missing", backward_no_mean),
    ("dW transposed", backward_transposed),
    ("gate of the wrong layer", backward_wrong_gate),
]:
    g = fn(dlogits, cache, params_sq)
    errors = [max(rel_error(dW, nW), rel_error(db, nb)) for (dW, db), (nW, nb) in zip(g, numeric)]
    print(f"{name:24s}" + "  ".join(f"layer {i}: {e:7.1e}" for i, e in enumerate(errors)))

# %% [markdown]
# Reading the table: the missing $1/N$ is wrong everywhere by the same amount,
# $(N - 1)/(N + 1) = 0.75$ for $N = 7$; the transposed `dW` is wrong only in the square layer;
# the misplaced gates are wrong everywhere: the output layer's gradient is gated where it
# must not be, and every layer below inherits that error (and misses its own gate in layer 0).
# A bug in a layer shows up in that layer and in every layer below it, never above.
#
# ## 4. Gradient sizes layer by layer
#
# The page's figure, as numbers: the root mean square of each layer's weight gradient in an
# 11-layer network, for ReLU with He initialisation and for sigmoid units.
#
# **Try:** tanh with weights of std $1/\sqrt{n}$; ReLU with std $1/\sqrt{n}$ (half of He's
# variance). Which ones vanish?

# %% [figure] p07-gradient-magnitudes


# %%
def gradient_sizes(activation, std, depth=10, width=64, seed=3):
    rng = np.random.default_rng(seed)
    sizes = [8] + [width] * depth + [1]
    ps = [(rng.normal(0, std(a), size=(a, b)), np.zeros(b)) for a, b in zip(sizes[:-1], sizes[1:])]
    Xd, yd = rng.standard_normal((256, 8)), rng.standard_normal((256, 1))
    cache, A = [], Xd
    for i, (W, b) in enumerate(ps):
        Z = A @ W + b
        cache.append((A, Z))
        A = Z if i == len(ps) - 1 else activation(Z)
    dA, out = 2 * (A - yd) / A.size, []
    for i in reversed(range(len(ps))):
        A_in, Z = cache[i]
        if i < len(ps) - 1:
            if activation is np.tanh:
                dA = dA * (1 - np.tanh(Z) ** 2)
            elif activation is sigmoid:
                dA = dA * sigmoid(Z) * (1 - sigmoid(Z))
            else:
                dA = dA * (Z > 0)
        out.append(float(np.sqrt(np.mean((A_in.T @ dA) ** 2))))
        dA = dA @ ps[i][0].T
    return out[::-1]


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def relu(z):
    return np.maximum(z, 0.0)


runs = {
    "ReLU, He": gradient_sizes(relu, lambda n: np.sqrt(2 / n)),
    "sigmoid, 1/sqrt(n)": gradient_sizes(sigmoid, lambda n: np.sqrt(1 / n)),
}
for name, sizes in runs.items():
    print(f"{name:20s}", " ".join(f"{s:8.1e}" for s in sizes))
print("ratio output layer / first layer:", {k: f"{v[-1] / v[0]:.1e}" for k, v in runs.items()})

# %% [markdown]
# ## 5. Why backpropagation: the cost
#
# One backward pass gives every partial derivative for about twice the cost of a forward
# pass. The numerical gradient needs two forward passes *per parameter*. For the CartPole
# Q-network 4 -> 64 -> 64 -> 2 (4,610 parameters) on a batch of 32:

# %%
qparams = init_layers([4, 64, 64, 2], seed=4)
S = np.random.default_rng(5).standard_normal((32, 4))
G = np.random.default_rng(6).standard_normal((32, 2)) / 32


def q_loss():
    return float(np.sum(G * forward(S, qparams)[0]))


t0 = time.perf_counter()
out, cache = forward(S, qparams)
qgrads = backward(G, cache, qparams)
t_backprop = time.perf_counter() - t0

t0 = time.perf_counter()
num_W2 = numeric_grad(q_loss, qparams[1][0])  # only the (64, 64) matrix: 4096 of 4610 parameters
t_numeric = time.perf_counter() - t0
n_params = sum(W.size + b.size for W, b in qparams)
print(f"{n_params} parameters")
print(f"forward + backward, all gradients:      {t_backprop * 1e3:9.2f} ms")
print(f"numerical, the 4096 entries of W_2 only: {t_numeric * 1e3:9.2f} ms")
print("they agree:", rel_error(qgrads[1][0], num_W2) < 1e-6)

# %% [markdown]
# ## 6. The same network in PyTorch: autograd
#
# The cells below need PyTorch. We build the classifier of section 1 as tensors with
# `requires_grad=True`, run the forward pass with ordinary tensor operations, and call
# `loss.backward()`. Autograd recorded the graph during the forward pass and runs the chain
# rule backwards through it, exactly the loop you wrote; afterwards every leaf tensor's
# `.grad` holds $\partial L / \partial(\text{that tensor})$, of its shape. We use float64
# (`dtype=torch.float64`), so the two implementations agree to about $10^{-15}$.

# %% [torch]
import torch  # noqa: E402 - a notebook cell imports what it needs
import torch.nn.functional as F  # noqa: E402
from torch import nn  # noqa: E402

tparams = [
    (
        torch.tensor(W, dtype=torch.float64, requires_grad=True),
        torch.tensor(b, dtype=torch.float64, requires_grad=True),
    )
    for W, b in params
]
A = torch.from_numpy(X)
for i, (W, b) in enumerate(tparams):
    A = A @ W + b  # the same convention as NumPy: W is (n_in, n_out)
    if i < len(tparams) - 1:
        A = torch.relu(A)
tloss = F.cross_entropy(A, torch.from_numpy(labels))
print("loss: PyTorch", round(tloss.item(), 12), " NumPy", round(loss_fn(), 12))
print("the graph autograd recorded ends in:", tloss.grad_fn)
tloss.backward()

logits, cache = forward(X, params)
_, dlogits = ce_loss_and_grad(logits, labels)
grads = backward(dlogits, cache, params)
for i, ((W, b), (dW, db)) in enumerate(zip(tparams, grads)):
    print(
        f"layer {i}: W.grad {tuple(W.grad.shape)}, max |torch - numpy| "
        f"{float(np.max(np.abs(W.grad.numpy() - dW))):.1e};  b.grad max diff "
        f"{float(np.max(np.abs(b.grad.numpy() - db))):.1e}"
    )
    assert np.allclose(W.grad.numpy(), dW, rtol=1e-10, atol=1e-12)
    assert np.allclose(b.grad.numpy(), db, rtol=1e-10, atol=1e-12)

# %% [markdown]
# ### Looking inside: the gradient of the logits, and `nn.Linear`
#
# `retain_grad()` asks autograd to keep the gradient of an intermediate tensor. The gradient
# of the mean cross-entropy with respect to the logits is the `softmax_ce_grad` of the page,
# $(\mathrm{softmax}(z) - \mathrm{onehot})/N$. And the same network built from `nn.Linear`
# layers (which store `weight` as `(n_out, n_in)`, so we copy `W.T`) gives the same
# gradients, transposed: a gradient has the shape of its variable, and PyTorch's variable is
# $W^\top$.

# %% [torch]
z = torch.tensor(logits, requires_grad=True)
F.cross_entropy(z, torch.from_numpy(labels)).backward()
print("dL/dlogits, first two rows (autograd):\n", z.grad[:2].numpy().round(5))
assert np.allclose(z.grad.numpy(), dlogits)

net = nn.Sequential(
    nn.Linear(4, 6), nn.ReLU(), nn.Linear(6, 5), nn.ReLU(), nn.Linear(5, 3)
).double()
linears = [m for m in net if isinstance(m, nn.Linear)]
with torch.no_grad():
    for (W, b), lin in zip(params, linears):
        lin.weight.copy_(torch.from_numpy(W.T.copy()))
        lin.bias.copy_(torch.from_numpy(b))
net.zero_grad()
F.cross_entropy(net(torch.from_numpy(X)), torch.from_numpy(labels)).backward()
for i, (lin, (dW, db)) in enumerate(zip(linears, grads)):
    same = np.allclose(lin.weight.grad.numpy(), dW.T) and np.allclose(lin.bias.grad.numpy(), db)
    print(f"nn.Linear {i}: weight.grad {tuple(lin.weight.grad.shape)} == our dW.T: {same}")
    assert same

# %% [markdown]
# ### `torch.autograd.gradcheck`
#
# PyTorch ships the gradient check of this page: `gradcheck` compares autograd's gradient
# of a function with central differences, in float64, for every input that has
# `requires_grad=True`, and raises if they disagree. It is how PyTorch tests its own
# operators. Here it checks the whole network as a function of all six parameter tensors;
# then a custom operation whose hand-written backward has the missing-$1/N$ bug fails it.
#
# **Try:** fix the bug in `BuggyMeanSquare.backward` and run the check again.

# %% [torch]
Xt, yt = torch.from_numpy(X), torch.from_numpy(labels)


def network_loss(*flat):
    A = Xt
    for i in range(0, len(flat), 2):
        A = A @ flat[i] + flat[i + 1]
        if i < len(flat) - 2:
            A = torch.relu(A)
    return F.cross_entropy(A, yt)


inputs = tuple(t.detach().clone().requires_grad_(True) for W, b in tparams for t in (W, b))
print(
    "gradcheck of the whole network:",
    torch.autograd.gradcheck(network_loss, inputs, eps=1e-6, atol=1e-6),
)


class BuggyMeanSquare(torch.autograd.Function):
    """mean(x**2) with a hand-written backward that forgets the 1/N."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return (x**2).mean()

    @staticmethod
    def backward(ctx, grad_out):
        (x,) = ctx.saved_tensors
        return grad_out * 2 * x  # should be grad_out * 2 * x / x.numel()


x = torch.randn(
    5, dtype=torch.float64, requires_grad=True, generator=torch.Generator().manual_seed(0)
)
try:
    torch.autograd.gradcheck(BuggyMeanSquare.apply, (x,))
    print("gradcheck passed (unexpected!)")
except RuntimeError as exc:  # torch's GradcheckError is a RuntimeError
    print("gradcheck caught the bug:", str(exc).splitlines()[0])

# %% [markdown]
# ### The semi-gradient: `.detach()` on the TD target
#
# A DQN update on a replay batch: the online network gives $Q_\theta(s, \cdot)$, we pick the
# entries of the actions taken, and compare with the target
# $y = r + \gamma(1 - d)\max_{a'} Q(s', a')$. Without a separate target network (or if the
# target is computed from the online network), forgetting `.detach()` silently turns the
# semi-gradient into the full gradient. Our NumPy backward pass computes the semi-gradient by
# construction: the target is a plain array.

# %% [torch]
q_net = nn.Sequential(
    nn.Linear(4, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 2)
).double()
q_lin = [m for m in q_net if isinstance(m, nn.Linear)]
with torch.no_grad():
    for (W, b), lin in zip(qparams, q_lin):
        lin.weight.copy_(torch.from_numpy(W.T.copy()))
        lin.bias.copy_(torch.from_numpy(b))

rng = np.random.default_rng(7)
s, s_next = rng.standard_normal((32, 4)), rng.standard_normal((32, 4))
a = rng.integers(0, 2, size=32)
r, done, gamma = rng.standard_normal(32), (rng.random(32) < 0.1).astype(float), 0.99


def dqn_update_grads(detach):
    q_net.zero_grad()
    q_sa = q_net(torch.from_numpy(s))[torch.arange(32), torch.from_numpy(a)]
    bootstrap = q_net(torch.from_numpy(s_next)).max(dim=1).values
    if detach:
        bootstrap = bootstrap.detach()
    y = torch.from_numpy(r) + gamma * (1 - torch.from_numpy(done)) * bootstrap
    ((q_sa - y) ** 2).mean().backward()
    return [lin.weight.grad.numpy().T.copy() for lin in q_lin]


semi = dqn_update_grads(detach=True)
full = dqn_update_grads(detach=False)

# The same semi-gradient in NumPy: dout is nonzero only at the actions taken.
q, cache = forward(s, qparams)
q_next, _ = forward(s_next, qparams)
y = r + gamma * (1 - done) * q_next.max(axis=1)
dq = np.zeros_like(q)
dq[np.arange(32), a] = 2 * (q[np.arange(32), a] - y) / 32
ours = [dW for dW, _ in backward(dq, cache, qparams)]
for i in range(3):
    print(
        f"layer {i}: NumPy vs torch with detach: {np.allclose(ours[i], semi[i])};  "
        f"relative error of the full gradient against the semi-gradient: {rel_error(full[i], semi[i]):.2f}"
    )
    assert np.allclose(ours[i], semi[i])

# %% [markdown]
# ### Real work: the same training run in NumPy and in PyTorch
#
# Finally, let both implementations train. A 2 -> 32 -> 32 -> 3 classifier learns three
# Gaussian blobs with plain gradient descent (learning rate 0.5, full batch, 200 steps): in
# NumPy with our backward pass, in PyTorch with `loss.backward()` and `torch.optim.SGD`. Same
# initial weights, same data, same float64: the two loss curves are the same curve. (Page 8
# is about the update rule itself.)
#
# **Try:** put the missing-$1/N$ bug into the NumPy version (multiply `dlogits` by `len(Xb)`).
# What happens to its loss curve with this learning rate? With a learning rate 100 times
# smaller?

# %% [torch]
rng = np.random.default_rng(8)
centres = np.array([[0.0, 2.0], [-2.0, -1.0], [2.0, -1.0]])
yb = rng.integers(0, 3, size=150)
Xb = centres[yb] + 0.8 * rng.standard_normal((150, 2))
start = init_layers([2, 32, 32, 3], seed=9)
lr, steps = 0.5, 200

np_params = [(W.copy(), b.copy()) for W, b in start]
np_losses = []
for _ in range(steps):
    logits, cache = forward(Xb, np_params)
    loss, dlogits = ce_loss_and_grad(logits, yb)
    np_losses.append(loss)
    grads = backward(dlogits, cache, np_params)
    np_params = [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(np_params, grads)]

model = nn.Sequential(
    nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 3)
).double()
with torch.no_grad():
    for (W, b), lin in zip(start, [m for m in model if isinstance(m, nn.Linear)]):
        lin.weight.copy_(torch.from_numpy(W.T.copy()))
        lin.bias.copy_(torch.from_numpy(b))
opt = torch.optim.SGD(model.parameters(), lr=lr)
Xt, yt = torch.from_numpy(Xb), torch.from_numpy(yb)
torch_losses = []
for _ in range(steps):
    opt.zero_grad()
    loss = F.cross_entropy(model(Xt), yt)
    loss.backward()
    opt.step()
    torch_losses.append(loss.item())

with torch.no_grad():
    accuracy = (model(Xt).argmax(dim=1) == yt).double().mean().item()
print(f"first loss {np_losses[0]:.4f} (ln 3 = {np.log(3):.4f}); after {steps} steps: NumPy "
      f"{np_losses[-1]:.6f}, PyTorch {torch_losses[-1]:.6f}; training accuracy {accuracy:.2f}")  # fmt: skip
print(
    "largest difference between the two curves:",
    f"{max(abs(p - q) for p, q in zip(np_losses, torch_losses)):.1e}",
)
assert np.allclose(np_losses, torch_losses, rtol=1e-8, atol=1e-10)

if plt is not None:
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.plot(np_losses, linewidth=3, label="NumPy, our backward pass")
    ax.plot(torch_losses, "--", label="PyTorch autograd + optim.SGD")
    ax.set_xlabel("gradient step")
    ax.set_ylabel("cross-entropy")
    ax.legend()
    plt.show()
