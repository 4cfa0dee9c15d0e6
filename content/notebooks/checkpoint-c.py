# %% [markdown]
# # Checkpoint C: backprop and training, in NumPy and in PyTorch
#
# This notebook extends the checkpoint's two code items. You will
#
# 1. gradient-check the tanh network of C.1 array by array, in float64 and in float32,
#    and see which bug a gradient check cannot see,
# 2. run the sanity checks of a training loop on C.2's Adam: the first loss against
#    $\ln K$, a tiny batch overfitted, the size of Adam's first steps with and without the
#    bias correction,
# 3. train the network by behavioural cloning on a made-up "expert" for a CartPole-like
#    task and look at its loss curve,
# 4. build the same network with `torch.nn` and check every gradient against autograd,
# 5. train it with `torch.optim.Adam` on exactly the batches of your loop and watch the
#    parameters agree step for step,
# 6. compare Adam with SGD and SGD with momentum (`torch.optim`) on the same problem.
#
# **Spoiler warning:** the first code cell defines working versions of the checkpoint's
# functions, so that every cell below runs on its own. Solve the items on the page (or in
# the exercise cells of this notebook) first.

# %%
import numpy as np

try:
    import matplotlib.pyplot as plt
except ImportError:  # every experiment also prints its numbers
    plt = None

BETA1, BETA2, EPS = 0.9, 0.999, 1e-8


def net_loss_and_grads(X, y, params, hidden="tanh"):
    """C.1: mean softmax cross-entropy of a one-hidden-layer network, and its gradients.

    hidden="relu" builds the consistent-but-wrong variant of section 1.
    """
    (W1, b1), (W2, b2) = params
    n = len(X)
    Z = X @ W1 + b1
    H = np.tanh(Z) if hidden == "tanh" else np.maximum(Z, 0.0)
    logits = H @ W2 + b2
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -log_probs[np.arange(n), y].mean()  # same dtype as the inputs
    d = np.exp(log_probs)
    d[np.arange(n), y] -= 1.0
    d /= n
    dH = d @ W2.T
    dZ = dH * (1.0 - H**2) if hidden == "tanh" else dH * (Z > 0)
    return loss, [(X.T @ dZ, dZ.sum(axis=0)), (H.T @ d, d.sum(axis=0))]


def train_adam(X, y, params, loss_and_grads, epochs, batch_size, lr=0.01, seed=0, correct=True):
    """C.2: mini-batch Adam; correct=False drops the bias correction (for section 2)."""
    rng = np.random.default_rng(seed)
    m = [[np.zeros_like(p) for p in layer] for layer in params]
    v = [[np.zeros_like(p) for p in layer] for layer in params]
    t, losses = 0, []
    for _ in range(epochs):
        order = rng.permutation(len(X))
        for start in range(0, len(X), batch_size):
            idx = order[start : start + batch_size]
            loss, grads = loss_and_grads(X[idx], y[idx], params)
            losses.append(float(loss))
            t += 1
            new = []
            for k, (layer, layer_grads) in enumerate(zip(params, grads)):
                out = []
                for j, (p, g) in enumerate(zip(layer, layer_grads)):
                    m[k][j] = BETA1 * m[k][j] + (1 - BETA1) * g
                    v[k][j] = BETA2 * v[k][j] + (1 - BETA2) * g * g
                    m_hat = m[k][j] / (1 - BETA1**t) if correct else m[k][j]
                    v_hat = v[k][j] / (1 - BETA2**t) if correct else v[k][j]
                    out.append(p - lr * m_hat / (np.sqrt(v_hat) + EPS))
                new.append(tuple(out))
            params = new
    return params, losses


def numerical_gradient(f, x, eps=1e-5):
    """Central differences of the scalar f at the array x (x is restored)."""
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + eps
        plus = f()
        x[i] = old - eps
        minus = f()
        x[i] = old
        grad[i] = (plus - minus) / (2 * eps)
    return grad


def relative_error(a, b):
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))


def init_net(rng, d, h, k, out_scale=0.1):
    """tanh layer with std 1/sqrt(d), a small output layer (first loss near ln k)."""
    return [
        (rng.normal(0.0, 1.0 / np.sqrt(d), size=(d, h)), np.zeros(h)),
        (rng.normal(0.0, out_scale / np.sqrt(h), size=(h, k)), np.zeros(k)),
    ]


def predict(X, params):
    (W1, b1), (W2, b2) = params
    return np.argmax(np.tanh(X @ W1 + b1) @ W2 + b2, axis=1)


print("ready; matplotlib", "available" if plt is not None else "not available (numbers only)")

# %% [markdown]
# ## 1. Gradient-checking the network, array by array
#
# A check of every parameter array of a small network (5 inputs, 6 hidden units, 3
# classes, a batch of 8), first in float64, then with everything cast to float32. The
# numerical gradient perturbs the array in place and calls the loss again, exactly what
# the hidden test of C.1 does with your function.
#
# **Try:** change `eps` to `1e-2` and to `1e-9` in float64. Which one breaks the check,
# and why (truncation or rounding)?

# %%
rng = np.random.default_rng(0)
X = rng.normal(size=(8, 5))
y = rng.integers(0, 3, size=8)
params = [(rng.normal(size=(5, 6)) * 0.5, rng.normal(size=6) * 0.1),
          (rng.normal(size=(6, 3)), rng.normal(size=3) * 0.1)]  # fmt: skip
names = [("W1", "b1"), ("W2", "b2")]


def check_all(X, y, params, hidden="tanh", eps=1e-5):
    _, grads = net_loss_and_grads(X, y, params, hidden)
    errors = {}
    for k, layer in enumerate(params):
        for j, p in enumerate(layer):
            numeric = numerical_gradient(
                lambda: net_loss_and_grads(X, y, params, hidden)[0], p, eps
            )
            errors[names[k][j]] = relative_error(grads[k][j], numeric)
    return errors


for dtype in (np.float64, np.float32):
    cast = [tuple(p.astype(dtype) for p in layer) for layer in params]
    errs = check_all(X.astype(dtype), y, cast)
    print(dtype.__name__, "  ".join(f"{k}: {v:.1e}" for k, v in errs.items()))
assert max(check_all(X, y, params).values()) < 1e-7

# %% [markdown]
# float64 agrees to about $10^{-9}$ or better. float32 reports relative errors of
# $10^{-2}$ and more for the *same, correct* gradient, the verdict "wrong": the rounding
# error of a float32 loss (about $10^{-7}$ of its value), divided by $2\varepsilon$, is as
# large as the gradient itself.
#
# Now the blind spot. The ReLU variant below is a *consistent* pair: its backward pass is the
# exact derivative of its own (wrong) forward pass. The gradient check passes; only a
# comparison with the intended function (tanh) shows the difference. That is why C.1 is
# graded both ways.

# %%
errs = check_all(X, y, params, hidden="relu")
print("ReLU pair, its own check:", "  ".join(f"{k}: {v:.1e}" for k, v in errs.items()))
loss_tanh, _ = net_loss_and_grads(X, y, params, "tanh")
loss_relu, _ = net_loss_and_grads(X, y, params, "relu")
print(f"but the loss is {loss_relu:.4f} where the tanh network gives {loss_tanh:.4f}")

# %% [markdown]
# ## 2. Sanity checks of the loop
#
# Three checks, each a few lines, that C.2's hidden tests also run:
#
# - the first recorded loss against $\ln K$ for output layers of growing scale,
# - a tiny batch (6 points, random labels) driven to a loss near 0,
# - the size of Adam's first steps, with and without the bias correction.
#
# **Try:** set `out_scale` to 3 for the tiny batch. Does it still overfit? How much slower?

# %%
rng = np.random.default_rng(1)
X4 = rng.normal(size=(64, 5))
y4 = rng.integers(0, 4, size=64)
for out_scale in (0.01, 0.1, 1.0, 10.0):
    p0 = init_net(np.random.default_rng(2), 5, 32, 4, out_scale)
    _, losses = train_adam(X4, y4, p0, net_loss_and_grads, epochs=1, batch_size=64)
    print(f"output scale {out_scale:5}: first loss {losses[0]:.4f}   (ln 4 = {np.log(4):.4f})")

Xt, yt = rng.normal(size=(6, 5)), rng.integers(0, 4, size=6)
_, losses = train_adam(
    Xt, yt, init_net(rng, 5, 32, 4), net_loss_and_grads, epochs=200, batch_size=6, lr=0.03
)
print(f"tiny batch: loss {losses[0]:.4f} -> {losses[-1]:.5f} after {len(losses)} steps")
assert losses[-1] < 0.05

p0 = init_net(np.random.default_rng(3), 5, 32, 4)
for correct in (True, False):
    p1, _ = train_adam(X4, y4, p0, net_loss_and_grads, 1, 64, lr=1e-3, correct=correct)
    step = np.abs(p1[0][0] - p0[0][0])
    print(
        f"bias correction {'on ' if correct else 'off'}: first step / lr: median "
        f"{np.median(step) / 1e-3:.3f}, max {step.max() / 1e-3:.3f}"
    )

# %% [markdown]
# ## 3. Behavioural cloning of a made-up expert
#
# An "expert" for a CartPole-like task looks at four state numbers (cart position and
# velocity, pole angle and angular velocity) and pushes right (action 1) when the pole
# falls right, taking the cart's drift into account; a few percent of its labels are flipped
# (experts make mistakes). A tanh policy network of 64 units learns to imitate it with
# C.2's loop: 2000 states, batches of 64, 15 epochs.
#
# **Try:** remove the label noise (`flip` = 0). How high does the training accuracy go now?

# %%
rng = np.random.default_rng(4)
S = rng.normal(size=(2000, 4)) * np.array([1.0, 0.5, 0.1, 0.5])
push_right = S[:, 2] + 0.5 * S[:, 3] + 0.05 * np.tanh(S[:, 0] + S[:, 1]) > 0
flip = rng.random(2000) < 0.03
A = (push_right ^ flip).astype(np.int64)
S_norm = (S - S.mean(axis=0)) / S.std(axis=0)  # inputs of comparable scale
start = init_net(np.random.default_rng(5), 4, 64, 2)
cloned, bc_losses = train_adam(S_norm, A, start, net_loss_and_grads, 15, 64, lr=3e-3, seed=0)
steps_per_epoch = int(np.ceil(2000 / 64))
per_epoch = np.array(bc_losses).reshape(15, steps_per_epoch).mean(axis=1)
print("mean loss per epoch:", np.round(per_epoch, 3))
print(f"imitation accuracy {np.mean(predict(S_norm, cloned) == A):.1%} (labels: 3 % flipped)")
if plt is not None:
    fig, ax = plt.subplots(figsize=(6, 3.4))
    ax.plot(bc_losses, alpha=0.4, label="loss of each step")
    ax.plot((np.arange(15) + 1) * steps_per_epoch - 1, per_epoch, "o-", label="epoch mean")
    ax.axhline(np.log(2), ls=":", c="grey", label="ln 2")
    ax.set_xlabel("Adam step")
    ax.set_ylabel("cross-entropy")
    ax.legend()
    plt.show()

# %% [markdown]
# ## 4. The same network in PyTorch, and autograd's gradients
#
# `nn.Linear(n_in, n_out)` stores its weight as `(n_out, n_in)` and computes
# `x @ weight.T + bias`, so the course's `W` is `weight.T`, and so is its gradient. The
# network is `nn.Sequential(nn.Linear, nn.Tanh, nn.Linear)` in float64 (`.double()`), the
# loss `F.cross_entropy`, and `loss.backward()` fills every `.grad`.

# %% [torch]
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402


def torch_net(params):
    (W1, b1), (W2, b2) = params
    net = torch.nn.Sequential(
        torch.nn.Linear(*W1.shape), torch.nn.Tanh(), torch.nn.Linear(*W2.shape)
    ).double()
    with torch.no_grad():
        for layer, (W, b) in zip((net[0], net[2]), params):
            layer.weight.copy_(torch.from_numpy(W.T.copy()))
            layer.bias.copy_(torch.from_numpy(b.copy()))
    return net


def torch_params(net):
    """The course's [(W, b), (W, b)] from the torch layers (a copy)."""
    return [
        (layer.weight.detach().numpy().T.copy(), layer.bias.detach().numpy().copy())
        for layer in (net[0], net[2])
    ]


for n in (1, 8, 200):
    rng = np.random.default_rng(10 + n)
    Xb, yb = rng.normal(size=(n, 5)), rng.integers(0, 3, size=n)
    p = [
        (rng.normal(size=(5, 6)), rng.normal(size=6)),
        (rng.normal(size=(6, 3)), rng.normal(size=3)),
    ]
    net = torch_net(p)
    loss_t = F.cross_entropy(net(torch.from_numpy(Xb)), torch.from_numpy(yb))
    loss_t.backward()
    loss_np, grads = net_loss_and_grads(Xb, yb, p)
    torch_grads = [(net[0].weight.grad.numpy().T, net[0].bias.grad.numpy()),
                   (net[2].weight.grad.numpy().T, net[2].bias.grad.numpy())]  # fmt: skip
    worst = max(
        relative_error(g, tg) for layer, tl in zip(grads, torch_grads) for g, tg in zip(layer, tl)
    )
    print(f"N = {n:3d}: loss {loss_np:.6f} (torch {loss_t.item():.6f}), worst error {worst:.1e}")
    assert abs(loss_np - loss_t.item()) < 1e-12 and worst < 1e-9

# %% [markdown]
# ## 5. `torch.optim.Adam` on exactly your batches
#
# Same start, same batches (the permutation comes from the same
# `np.random.default_rng(seed)`), same learning rate: `torch.optim.Adam` with its defaults
# implements the same update as C.2, so the parameters should agree after every step,
# not just roughly at the end. The loop below is the usual PyTorch training loop:
# `zero_grad`, forward, loss, `backward`, `step`.

# %% [torch]
epochs, batch_size, lr, seed = 4, 100, 3e-3, 0
net = torch_net(start)
opt = torch.optim.Adam(net.parameters(), lr=lr)  # betas (0.9, 0.999), eps 1e-8
S_t, A_t = torch.from_numpy(S_norm), torch.from_numpy(A)
rng = np.random.default_rng(seed)
torch_losses = []
for _ in range(epochs):
    order = rng.permutation(len(S_norm))
    for begin in range(0, len(S_norm), batch_size):
        idx = torch.from_numpy(order[begin : begin + batch_size])
        loss = F.cross_entropy(net(S_t[idx]), A_t[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        torch_losses.append(loss.item())
ours, our_losses = train_adam(S_norm, A, start, net_loss_and_grads, epochs, batch_size, lr, seed)
worst = max(relative_error(a, b) for la, lb in zip(ours, torch_params(net)) for a, b in zip(la, lb))
gap = np.max(np.abs(np.subtract(our_losses, torch_losses)))
print(f"{len(our_losses)} steps; largest difference between the two loss curves {gap:.1e}")
print(f"parameters after training: worst relative error {worst:.1e}")
assert worst < 1e-8

# %% [markdown]
# ## 6. Adam against SGD and momentum, on the same problem
#
# The same cloning problem, the same start and the same batches (PyTorch's own shuffling
# this time, `torch.utils.data.DataLoader`), three optimisers, each at a learning rate that
# suits it. Tuned like this, all three get there. The difference is the tuning: Adam's
# first steps have the size of the learning rate whatever the scale of the gradient, so one
# default (about $3 \times 10^{-4}$ to $3 \times 10^{-3}$) works on many problems. That is
# one reason it is the usual choice in PPO and in the DQN variants after the Nature DQN
# (which used RMSProp).
#
# **Try:** give all three the same learning rate, 0.01, then 0.3. Which one suffers most?

# %% [torch]
torch.manual_seed(0)
loader = torch.utils.data.DataLoader(
    torch.utils.data.TensorDataset(S_t, A_t), batch_size=64, shuffle=True
)
setups = {
    "SGD, lr 0.3": lambda ps: torch.optim.SGD(ps, lr=0.3),
    "SGD + momentum 0.9, lr 0.03": lambda ps: torch.optim.SGD(ps, lr=0.03, momentum=0.9),
    "Adam, lr 0.003": lambda ps: torch.optim.Adam(ps, lr=3e-3),
}
curves = {}
for name, make in setups.items():
    torch.manual_seed(1)  # the same shuffling for every optimiser
    net = torch_net(start)
    opt = make(net.parameters())
    curve = []
    for _ in range(15):
        total = 0.0
        for xb, yb in loader:
            loss = F.cross_entropy(net(xb), yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(yb)
        curve.append(total / len(S_t))
    curves[name] = curve
    acc = (net(S_t).argmax(dim=1) == A_t).double().mean().item()
    print(f"{name:28s} epoch 1 {curve[0]:.3f}  epoch 15 {curve[-1]:.3f}  accuracy {acc:.1%}")
    assert curve[-1] < curve[0]
if plt is not None:
    fig, ax = plt.subplots(figsize=(6, 3.4))
    for name, curve in curves.items():
        ax.plot(range(1, 16), curve, "o-", ms=3, label=name)
    ax.set_xlabel("epoch")
    ax.set_ylabel("mean training loss")
    ax.legend()
    plt.show()
