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
# 6. train a perceptron as an `nn.Linear` with autograd and `torch.optim.SGD` on the
#    perceptron criterion, and get Rosenblatt's weights exactly,
# 7. train a logistic neuron with `torch.optim.SGD` on the noisy data that defeats the
#    perceptron,
# 8. check that the page's TD update is a *semi-gradient* step computed by `torch.autograd`.
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
# ## 6. The perceptron rule is SGD on the perceptron criterion
#
# PyTorch has no "perceptron" layer, and the step function has no useful gradient. But the
# rule *is* a gradient step on another loss. For one example with sign $s = 2y - 1$, take
#
# $$
# L(\mathbf{w}, b) = -\,s\,(\mathbf{w}\cdot\mathbf{x} + b)\,\cdot\,[\text{the example is misclassified}],
# $$
#
# the **perceptron criterion**: zero on correct examples, and on a mistake the (positive)
# amount by which the sum is on the wrong side. Its gradient on a mistake is
# $-s\,(\mathbf{x}, 1)$, so one SGD step with learning rate $\eta$ adds $\eta\,s\,(\mathbf{x}, 1)$:
# exactly Rosenblatt's update, because on a mistake $y - \hat{y} = s$. The cell below trains an
# `nn.Linear(3, 1)` this way, with autograd computing every gradient and `torch.optim.SGD`
# (batch size 1, rows in order) taking every step, and compares with the hand-written rule.
# (The mistake indicator is computed with the course's tie rule and detached: it decides
# *whether* to step, not *how*.)

# %% [torch]
import torch  # noqa: E402 - a notebook cell imports what it needs

rng = np.random.default_rng(5)
X = rng.uniform(-1, 1, size=(50, 3))
y = (X @ np.array([1.0, -1.0, 0.5]) + 0.2 >= 0).astype(int)
lr = 0.5

w_np, b_np, converged, epochs_np, _ = train(X, y, lr=lr, max_epochs=100)

layer = torch.nn.Linear(3, 1, dtype=torch.float64)
torch.nn.init.zeros_(layer.weight)
torch.nn.init.zeros_(layer.bias)
opt = torch.optim.SGD(layer.parameters(), lr=lr)
Xt = torch.from_numpy(X)
for epoch in range(1, 101):  # noqa: B007 - epoch is reported after the loop
    mistakes = 0
    for x_i, y_i in zip(Xt, y):
        z = layer(x_i).squeeze()
        s = 2.0 * y_i - 1.0
        wrong = float((1 if z.item() >= 0 else 0) != y_i)
        mistakes += int(wrong)
        loss = -s * z * wrong  # the perceptron criterion for this example
        opt.zero_grad()
        loss.backward()
        opt.step()
    if mistakes == 0:
        break
w_t = layer.weight.detach().numpy().ravel()
b_t = layer.bias.item()
print("hand-written rule:", np.round(w_np, 4), round(b_np, 4), "epochs", epochs_np)
print("autograd + SGD:   ", np.round(w_t, 4), round(b_t, 4), "epochs", epoch)
assert epoch == epochs_np and np.allclose(w_np, w_t) and np.isclose(b_np, b_t)
print("same weights, same number of epochs")

# %% [markdown]
# ## 7. On noisy data, a logistic neuron trained by gradient descent
#
# Section 4's noisy labels defeat the perceptron: it never converges, and even the pocket
# only keeps the best of the weights the run happens to visit. Replace the step by a sigmoid
# and the rule by gradient descent on the cross-entropy (pages 3, 6 and 8): every example
# now contributes in proportion to *how* wrong it is, and the loss has a minimum to settle
# into even when no line is perfect. `nn.Linear(2, 1)`, `BCEWithLogitsLoss` and
# `torch.optim.SGD` do the whole job on section 4's data.
#
# **Try:** compare the learned line's direction with the true line's `(1, -2)`. Flip 30% of
# the labels instead of 10%.

# %% [torch]

torch.manual_seed(0)
rng = np.random.default_rng(3)
X, y = separable_data(200, margin=0.0, rng=rng)
flip = rng.choice(len(y), size=20, replace=False)
y = y.copy()
y[flip] = 1 - y[flip]  # the same noisy data set as section 4

model = torch.nn.Linear(2, 1, dtype=torch.float64)
opt = torch.optim.SGD(model.parameters(), lr=1.0)
loss_fn = torch.nn.BCEWithLogitsLoss()
Xt, yt = torch.from_numpy(X), torch.from_numpy(y.astype(float)).reshape(-1, 1)
for step in range(1, 1001):
    opt.zero_grad()
    loss = loss_fn(model(Xt), yt)
    loss.backward()
    opt.step()
    if step in (1, 10, 100, 1000):
        acc = np.mean((model(Xt).detach().numpy().ravel() >= 0).astype(int) == y)
        print(f"step {step:4d}: cross-entropy {loss.item():.4f}, training accuracy {acc:.3f}")
w_l = model.weight.detach().numpy().ravel()
b_l = model.bias.item()
print("learned line: w =", np.round(w_l / np.linalg.norm(w_l), 3), " (true direction",
      np.round(w_true / np.linalg.norm(w_true), 3), ")")
print("accuracy of the true line on the noisy labels:", np.mean(predict(X, w_true, b_true) == y))

# %% [markdown]
# ## 8. The TD update is a semi-gradient step
#
# The page compared the perceptron rule with the linear TD update
# $\mathbf{w}_a \leftarrow \mathbf{w}_a + \alpha\,\delta\,\boldsymbol{\phi}(s)$. Here is why that
# update is what deep RL libraries compute: take the squared TD error
# $L = \tfrac12\,(\text{target} - Q(s, a))^2$ with the target treated as a constant
# (`.detach()`), let autograd compute $\partial L / \partial \mathbf{W}$, and take one plain
# gradient-descent step with learning rate $\alpha$ (`torch.optim.SGD`). The result equals
# the hand-written update: $-\partial L/\partial \mathbf{w}_a = \delta\,\boldsymbol{\phi}(s)$.
# Holding the target fixed is what makes TD and Q-learning **semi-gradient** methods: the
# target depends on the weights too, and the last lines of the cell show that differentiating
# through it (no `.detach()`) gives a different update. Pages 6-8 build exactly this loss and
# this optimiser step for a deep network.

# %% [torch]

rng = np.random.default_rng(6)
D, A = 4, 3
phi_s, phi_s2 = rng.normal(size=D), rng.normal(size=D)
W0, b0 = rng.normal(size=(D, A)), rng.normal(size=A)
a, r, alpha, gamma = 0, 1.0, 0.1, 0.9  # the greedy next action is 2, not a

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

# The full gradient, through the target as well: a different step.
full = torch.nn.Linear(D, A, dtype=torch.float64)
with torch.no_grad():
    full.weight.copy_(torch.from_numpy(W0.T))
    full.bias.copy_(torch.from_numpy(b0))
q_sa = full(torch.from_numpy(phi_s))[a]
target_live = r + gamma * full(torch.from_numpy(phi_s2)).max()  # not detached
loss_full = 0.5 * (target_live - q_sa) ** 2
loss_full.backward()
changed = np.flatnonzero(np.any(full.weight.grad.numpy().T != 0, axis=0)).tolist()
print("full gradient touches columns", changed, "- the semi-gradient only touched", [a])
assert changed != [a]
