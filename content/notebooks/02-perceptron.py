# %% [markdown]
# # The Perceptron: experiments and the PyTorch version
#
# This notebook goes beyond the page's exercises. You will
#
# 1. watch a perceptron's line move epoch by epoch on 2-D data,
# 2. measure how the number of mistakes grows as the margin shrinks, against the
#    $(R/\gamma)^2$ bound,
# 3. see that different visiting orders end at different separating lines,
# 4. compare the last weights with the pocket's on noisy data,
# 5. make XOR and a "ring" data set learnable with hand-made features,
# 6. run the same perceptron with PyTorch tensors, and check that the TD update of the page is
#    one step of gradient descent computed by `torch.autograd`.
#
# Every cell is self-contained: it does not need your exercise solutions. Plots appear when
# matplotlib is available; every experiment also prints its numbers.

# %%
import numpy as np

try:
    import matplotlib.pyplot as plt
except ImportError:  # the numbers below are printed either way
    plt = None


def predict(X, w, b):
    """Perceptron classes (0/1, ties are 1) for the rows of X."""
    return (X @ w + b >= 0).astype(int)


def run_epoch(X, y, w, b, lr=1.0, order=None):
    """One online epoch of Rosenblatt's rule; returns (w, b, mistakes)."""
    order = range(len(X)) if order is None else order
    mistakes = 0
    for i in order:
        error = y[i] - (1 if np.dot(w, X[i]) + b >= 0 else 0)
        if error != 0:
            mistakes += 1
            w, b = w + lr * error * X[i], b + lr * error
    return w, b, mistakes


def train(X, y, lr=1.0, max_epochs=1000, rng=None):
    """Train from zeros; rows in order, or reshuffled every epoch when rng is given.

    Returns (w, b, converged, epochs, updates).
    """
    w, b, updates = np.zeros(X.shape[1]), 0.0, 0
    for epoch in range(1, max_epochs + 1):
        order = None if rng is None else rng.permutation(len(X))
        w, b, mistakes = run_epoch(X, y, w, b, lr, order)
        updates += mistakes
        if mistakes == 0:
            return w, b, True, epoch, updates
    return w, b, False, max_epochs, updates


def separable_data(n, margin, rng, w_true=(1.0, -2.0), b_true=0.3):
    """n points in [-1, 1]^2 at least `margin` (in z units) away from the true line."""
    w_true = np.asarray(w_true)
    X = np.empty((0, 2))
    while len(X) < n:
        cand = rng.uniform(-1, 1, size=(4 * n, 2))
        X = np.vstack([X, cand[np.abs(cand @ w_true + b_true) >= margin]])
    X = X[:n]
    return X, (X @ w_true + b_true >= 0).astype(int)


print("ready; matplotlib", "available" if plt is not None else "not available (numbers only)")

# %% [markdown]
# ## 1. The line moves, epoch by epoch
#
# Train on 40 separable points and record $(\mathbf{w}, b)$ after every epoch. The printout
# shows the mistakes per epoch and where the line crosses the $x_2$ axis; the plot (if
# available) draws every intermediate line, from light to dark.
#
# **Try:** shrink the margin to `0.02`: how many more epochs? Use `lr=0.1`: what changes in
# the printout, and what does not?

# %%
rng = np.random.default_rng(0)
X, y = separable_data(40, margin=0.3, rng=rng)
w, b = np.zeros(2), 0.0
history = []
for epoch in range(1, 101):
    w, b, mistakes = run_epoch(X, y, w, b)
    history.append((w.copy(), b))
    crossing = -b / w[1] if w[1] != 0 else float("nan")
    print(f"epoch {epoch:2d}: {mistakes:2d} mistakes   w = {np.round(w, 3)}   b = {b:5.2f}"
          f"   crosses x2 axis at {crossing:6.3f}")
    if mistakes == 0:
        break
print("training accuracy:", np.mean(predict(X, w, b) == y))

if plt is not None:
    fig, ax = plt.subplots(figsize=(5, 5))
    ax.scatter(X[:, 0], X[:, 1], c=y, cmap="coolwarm", edgecolors="k")
    xs = np.array([-1.0, 1.0])
    for k, (wk, bk) in enumerate(history):
        if wk[1] != 0:
            ax.plot(xs, -(wk[0] * xs + bk) / wk[1], color="k", alpha=(k + 1) / len(history))
    ax.set_xlim(-1, 1)
    ax.set_ylim(-1, 1)
    ax.set_title("perceptron line after each epoch")
    plt.show()

# %% [markdown]
# ## 2. Margin and mistakes
#
# The convergence theorem promises at most $(R/\gamma)^2$ updates. Generate data sets whose
# points keep a distance of at least `margin` (in units of $z$) from the true line, train, and
# compare the updates with the bound computed from the true line (bias folded in). The
# smaller the margin, the longer the run, roughly like $1/\gamma^2$ in the worst case.
#
# **Try:** average the number of updates over 10 data sets per margin. How fast does it grow
# compared with the bound?

# %%
rng = np.random.default_rng(1)
w_true, b_true = np.array([1.0, -2.0]), 0.3
u = np.append(w_true, b_true) / np.linalg.norm(np.append(w_true, b_true))
print(" margin   updates  epochs      bound")
for margin in (0.5, 0.2, 0.1, 0.05, 0.02, 0.01):
    X, y = separable_data(200, margin, rng)
    w, b, converged, epochs, updates = train(X, y)
    X_aug = np.hstack([X, np.ones((len(X), 1))])
    R = np.max(np.linalg.norm(X_aug, axis=1))
    gamma = np.min((2 * y - 1) * (X_aug @ u))
    print(f"{margin:7.2f} {updates:9d} {epochs:7d} {(R / gamma) ** 2:10.0f}"
          + ("" if converged else "   (not converged)"))

# %% [markdown]
# ## 3. Many separating lines
#
# The perceptron stops at the first separating line it reaches. Reshuffle the visiting order
# with different seeds and compare the final lines: all of them separate the training data,
# but they point in different directions. The angle is measured between the final weight
# vectors (bias included).
#
# **Try:** compute each line's margin. Which one would you trust on new data?

# %%
rng = np.random.default_rng(2)
X, y = separable_data(60, margin=0.1, rng=rng)
finals = []
for seed in range(5):
    w, b, converged, epochs, _ = train(X, y, rng=np.random.default_rng(seed))
    v = np.append(w, b)
    finals.append(v / np.linalg.norm(v))
    gamma = np.min((2 * y - 1) * (X @ w + b)) / np.linalg.norm(w)
    print(f"seed {seed}: {epochs:3d} epochs, accuracy {np.mean(predict(X, w, b) == y):.0%},"
          f" margin {gamma:.4f}, direction {np.round(finals[-1], 3)}")
angles = [np.degrees(np.arccos(np.clip(finals[0] @ f, -1, 1))) for f in finals[1:]]
print("angles to the seed-0 solution (degrees):", np.round(angles, 2))

# %% [markdown]
# ## 4. Noisy labels: last weights versus the pocket
#
# Flip 10% of the labels, so that no line separates the data. The perceptron never converges
# and its final weights are whatever the last epoch left. The pocket algorithm (extra practice
# 4) keeps the best weights measured after each epoch.
#
# **Try:** plot the training accuracy after every epoch. Does it settle down?

# %%
rng = np.random.default_rng(3)
X, y = separable_data(200, margin=0.0, rng=rng)
flip = rng.choice(len(y), size=20, replace=False)
y = y.copy()
y[flip] = 1 - y[flip]

w, b = np.zeros(2), 0.0
best = (w.copy(), b, np.mean(predict(X, w, b) == y))
accuracies = []
for _ in range(50):
    w, b, _ = run_epoch(X, y, w, b)
    acc = np.mean(predict(X, w, b) == y)
    accuracies.append(acc)
    if acc > best[2]:
        best = (w.copy(), b, acc)
print("accuracy after each of the last 10 epochs:", np.round(accuracies[-10:], 3))
print(f"last weights: {accuracies[-1]:.3f}   pocket: {best[2]:.3f}   "
      f"(true line: {np.mean(predict(X, w_true, b_true) == y):.3f})")

if plt is not None:
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.plot(np.arange(1, 51), accuracies)
    ax.axhline(best[2], color="C1", ls="--", label="pocket")
    ax.set_xlabel("epoch")
    ax.set_ylabel("training accuracy")
    ax.legend()
    plt.show()

# %% [markdown]
# ## 5. Features make problems separable
#
# XOR and a "ring" (class 1 inside a circle, class 0 outside) defeat a perceptron on the raw
# inputs. Adding one well-chosen feature fixes both: the product $x_1 x_2$ for XOR, the squared
# radius $x_1^2 + x_2^2$ for the ring. A hidden layer (page 4 onwards) *learns* such features.
#
# **Try:** for the ring, use only the squared radius as the single feature. Does the
# perceptron still converge? What threshold does it learn?

# %%
X_xor = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
y_xor = np.array([0, 1, 1, 0])
print("XOR, raw inputs:     converged =", train(X_xor, y_xor, max_epochs=100)[2])
F_xor = np.column_stack([X_xor, X_xor[:, 0] * X_xor[:, 1]])
w, b, converged, epochs, _ = train(F_xor, y_xor, max_epochs=100)
print("XOR, with x1*x2:     converged =", converged, "after", epochs, "epochs, w =", w, "b =", b)

rng = np.random.default_rng(4)
X_ring = rng.uniform(-1, 1, size=(300, 2))
r2 = np.sum(X_ring**2, axis=1)
keep = np.abs(r2 - 0.4) > 0.05  # a gap around the circle of radius sqrt(0.4)
X_ring, r2 = X_ring[keep], r2[keep]
y_ring = (r2 < 0.4).astype(int)
w, b, converged, epochs, _ = train(X_ring, y_ring, max_epochs=200)
print("ring, raw inputs:    converged =", converged,
      f"(training accuracy {np.mean(predict(X_ring, w, b) == y_ring):.2f})")
F_ring = np.column_stack([X_ring, r2])
w, b, converged, epochs, _ = train(F_ring, y_ring, max_epochs=2000)
print("ring, with x1^2+x2^2: converged =", converged, "after", epochs, "epochs;",
      f"learned radius^2 threshold about {-b / w[2]:.3f} (true 0.4)" if w[2] != 0 else "")

# %% [markdown]
# ## 6. The perceptron with PyTorch tensors
#
# PyTorch has no "perceptron" layer: the step function has no useful gradient, so the
# perceptron rule is not something autograd computes. But the rule is plain tensor
# arithmetic, and `torch.heaviside(z, 1)` is the step with ties at 1. The cell trains on the
# same data with NumPy and with torch (float64) and checks that both runs make the same
# mistakes and end at the same weights.

# %% [torch]
import torch  # noqa: E402 - a notebook cell imports what it needs

rng = np.random.default_rng(5)
X = rng.uniform(-1, 1, size=(50, 3))
y = (X @ np.array([1.0, -1.0, 0.5]) + 0.2 >= 0).astype(int)


def train_numpy(X, y, lr, max_epochs=100):
    w, b = np.zeros(X.shape[1]), 0.0
    for epoch in range(1, max_epochs + 1):
        mistakes = 0
        for x_i, y_i in zip(X, y):
            error = y_i - (1 if np.dot(w, x_i) + b >= 0 else 0)
            if error != 0:
                mistakes += 1
                w, b = w + lr * error * x_i, b + lr * error
        if mistakes == 0:
            return w, b, epoch
    return w, b, max_epochs


def train_torch(X, y, lr, max_epochs=100):
    X, y = torch.from_numpy(X), torch.from_numpy(y).to(torch.float64)
    w = torch.zeros(X.shape[1], dtype=torch.float64)
    b = torch.zeros((), dtype=torch.float64)
    one = torch.tensor(1.0, dtype=torch.float64)
    for epoch in range(1, max_epochs + 1):
        mistakes = 0
        for x_i, y_i in zip(X, y):
            y_hat = torch.heaviside(x_i @ w + b, one)
            error = y_i - y_hat
            if error != 0:
                mistakes += 1
                w, b = w + lr * error * x_i, b + lr * error
        if mistakes == 0:
            return w.numpy(), float(b), epoch
    return w.numpy(), float(b), max_epochs


w_np, b_np, ep_np = train_numpy(X, y, lr=0.5)
w_t, b_t, ep_t = train_torch(X, y, lr=0.5)
print("numpy:", np.round(w_np, 4), round(b_np, 4), "epochs", ep_np)
print("torch:", np.round(w_t, 4), round(b_t, 4), "epochs", ep_t)
assert ep_np == ep_t and np.allclose(w_np, w_t) and np.allclose(b_np, b_t)
print("same weights and the same number of epochs")

# %% [markdown]
# ## 7. The TD update is a gradient step
#
# The page compared the perceptron rule with the linear TD update
# $\mathbf{w}_a \leftarrow \mathbf{w}_a + \alpha\,\delta\,\boldsymbol{\phi}(s)$. Here is why that
# update is what deep RL libraries compute: take the squared TD error
# $L = \tfrac12\,(\text{target} - Q(s, a))^2$ with the target treated as a constant
# (`.detach()`), let autograd compute $\partial L / \partial \mathbf{W}$, and take one plain
# gradient-descent step with learning rate $\alpha$ (`torch.optim.SGD`). The result equals
# the hand-written update: $-\partial L/\partial \mathbf{w}_a = \delta\,\boldsymbol{\phi}(s)$.
# Pages 6-8 build exactly this loss and this optimiser step for a deep network.

# %% [torch]

rng = np.random.default_rng(6)
D, A = 4, 3
phi_s, phi_s2 = rng.normal(size=D), rng.normal(size=D)
W0, b0 = rng.normal(size=(D, A)), rng.normal(size=A)
a, r, alpha, gamma = 2, 1.0, 0.1, 0.9

# NumPy: the hand-written TD update, as on the page.
W_np, b_np = W0.copy(), b0.copy()
delta = r + gamma * np.max(phi_s2 @ W_np + b_np) - (phi_s @ W_np[:, a] + b_np[a])
W_np[:, a] += alpha * delta * phi_s
b_np[a] += alpha * delta

# PyTorch: squared TD error, autograd, one SGD step.
layer = torch.nn.Linear(D, A, dtype=torch.float64)
with torch.no_grad():
    layer.weight.copy_(torch.from_numpy(W0.T))
    layer.bias.copy_(torch.from_numpy(b0))
opt = torch.optim.SGD(layer.parameters(), lr=alpha)
q_sa = layer(torch.from_numpy(phi_s))[a]
target = (r + gamma * layer(torch.from_numpy(phi_s2)).max()).detach()  # no gradient through it
loss = 0.5 * (target - q_sa) ** 2
opt.zero_grad()
loss.backward()
opt.step()

W_t = layer.weight.detach().numpy().T
b_t = layer.bias.detach().numpy()
print("TD error delta:", round(float(delta), 6))
print("max |W_numpy - W_torch|:", float(np.max(np.abs(W_np - W_t))))
print("max |b_numpy - b_torch|:", float(np.max(np.abs(b_np - b_t))))
assert np.allclose(W_np, W_t) and np.allclose(b_np, b_t)
print("only column", a, "changed:", np.flatnonzero(np.any(W_t != W0, axis=0)).tolist())
