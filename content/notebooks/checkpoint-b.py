# %% [markdown]
# # Checkpoint B: forward passes and losses, in NumPy and in PyTorch
#
# This notebook extends the checkpoint's two code items. You will
#
# 1. trace the shapes of a shared actor-critic network and count what sharing the torso saves,
# 2. check the losses of an untrained network against what theory predicts ($\ln K$),
# 3. watch the cross-entropy break for large logits when it is computed the wrong way,
# 4. take a replay batch apart: terminal mask, discount, and MSE against Huber on an outlier,
# 5. build the actor-critic network with `torch.nn`, check it against NumPy, and train it by
#    behavioural cloning with `torch.optim`,
# 6. compute the DQN loss the PyTorch way and let autograd show what "the target gets no
#    gradient" means.
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


def relu(z):
    return np.maximum(z, 0.0)


def log_softmax(z):
    """Row-wise log-softmax of (N, K) logits, stable for any magnitude."""
    shifted = z - z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def cross_entropy(logits, labels):
    return float(-np.mean(log_softmax(logits)[np.arange(len(labels)), labels]))


def ac_forward(X, params):
    """Shared torso (two ReLU layers), a value head (N,) and a policy head (N, K)."""
    (W1, b1), (W2, b2), (Wv, bv), (Wp, bp) = params
    H = relu(relu(X @ W1 + b1) @ W2 + b2)
    return (H @ Wv + bv)[:, 0], H @ Wp + bp


def q_net(X, params):
    """ReLU after every layer but the last."""
    A = X
    for W, b in params[:-1]:
        A = relu(A @ W + b)
    W, b = params[-1]
    return A @ W + b


def dqn_loss_and_td(params, target_params, batch, gamma, huber_delta=None):
    q = q_net(batch["states"], params)
    q_taken = q[np.arange(len(batch["actions"])), batch["actions"]]
    best_next = q_net(batch["next_states"], target_params).max(axis=1)
    td = q_taken - (batch["rewards"] + gamma * (1.0 - batch["dones"]) * best_next)
    if huber_delta is None:
        return float(np.mean(td**2)), td
    size = np.abs(td)
    per = np.where(size <= huber_delta, 0.5 * td**2, huber_delta * (size - 0.5 * huber_delta))
    return float(np.mean(per)), td


def he_layer(rng, n_in, n_out):
    return rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out)), np.zeros(n_out)


print("ready; matplotlib", "available" if plt is not None else "not available (numbers only)")

# %% [markdown]
# ## 1. Shapes of a shared actor-critic network
#
# An A3C or PPO agent for a task with 8 state numbers and 4 actions (LunarLander) often
# uses one torso of two 64-unit layers with two heads. Write the shape of every array
# before running the cell. Then compare the parameter count with two separate networks
# (an actor and a critic, each with its own torso), as many PPO implementations use.
#
# **Try:** make the torso 256 units wide. Which share of the parameters do the heads hold?

# %%
rng = np.random.default_rng(0)
D, H, K, N = 8, 64, 4, 32
params = [he_layer(rng, D, H), he_layer(rng, H, H), he_layer(rng, H, 1), he_layer(rng, H, K)]
X = rng.normal(size=(N, D))
for name, (W, b) in zip(["torso 1", "torso 2", "value head", "policy head"], params):
    print(f"{name:12s} W {W.shape!s:10s} b {b.shape}")
values, logits = ac_forward(X, params)
print("values", values.shape, " logits", logits.shape)
shared = sum(W.size + b.size for W, b in params)
torso = sum(W.size + b.size for W, b in params[:2])
separate = shared + torso  # the second network needs its own torso
print(f"shared torso: {shared} parameters; separate actor and critic: {separate}")

# %% [markdown]
# ## 2. What an untrained network should score
#
# Two sanity checks before any training. PPO implementations initialise the policy head
# with tiny weights (a scale of 0.01), so the first logits are almost equal, the policy is
# almost uniform, and its cross-entropy is close to $\ln K$ whatever the labels. Here the
# value head is scaled down the same way, so the values start near 0 and the value loss
# starts near the mean square of the returns. A first loss far from these numbers points at
# a bug (a wrong axis, a sum instead of a mean, a missing minus sign).
#
# **Try:** remove the `* 0.01` of the policy head. How far does the initial cross-entropy
# move from $\ln 4$?

# %%
returns = rng.normal(2.0, 1.0, size=N)
for seed in range(4):
    r = np.random.default_rng(seed)
    p = [he_layer(r, D, H), he_layer(r, H, H), he_layer(r, H, 1), he_layer(r, H, K)]
    p[2] = (p[2][0] * 0.01, p[2][1])  # small value head
    p[3] = (p[3][0] * 0.01, p[3][1])  # small policy head
    labels = r.integers(0, K, size=N)
    v, z = ac_forward(X, p)
    print(
        f"seed {seed}: cross-entropy {cross_entropy(z, labels):.4f} (ln 4 = {np.log(4):.4f}),"
        f" value MSE {np.mean((v - returns) ** 2):.3f} (mean square of returns"
        f" {np.mean(returns**2):.3f})"
    )

# %% [markdown]
# ## 3. Three ways to compute a cross-entropy
#
# The same logits, scaled up step by step, computed three ways: the naive
# `log(exp / sum exp)`, the log of a shifted (stable) softmax, and log-softmax. Two labels:
# class 1, whose logit is below the largest, and class 0, the largest. Watch for two
# failures: a probability that underflows to exactly 0 (the true logit more than about 745
# below the largest) has the logarithm $-\infty$, and an `exp` that overflows (arguments
# above about 709) turns the naive ratio into `inf / inf = nan`.

# %%
base = np.array([[2.0, -1.0, 0.5]])
print(f"{'':7s} {'label 1 (not the largest)':^36s} | {'label 0 (the largest)':^36s}")
print(f"{'scale':>7s}" + f" {'naive':>11s} {'log(softmax)':>12s} {'log-softmax':>11s} |" * 2)
for scale in [1, 10, 100, 300, 1000, 1e4]:
    z = base * scale
    row = f"{scale:7g}"
    for label in (1, 0):
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            naive = -np.log(np.exp(z) / np.exp(z).sum(axis=1, keepdims=True))[0, label]
            e = np.exp(z - z.max(axis=1, keepdims=True))
            via_softmax = -np.log(e / e.sum(axis=1, keepdims=True))[0, label]
        stable = cross_entropy(z, np.array([label]))
        row += f" {naive + 0.0:11.4f} {via_softmax + 0.0:12.4f} {stable + 0.0:11.4f} |"
    print(row)

# %% [markdown]
# ## 4. Inside a replay batch
#
# A small Q-network (4 inputs, 2 actions, as in CartPole) and a batch of 64 transitions.
# First the share of the TD targets that the terminal mask changes; then the loss as a
# function of the discount $\gamma$; then one transition with a wildly wrong reward (a
# sensor glitch, say) to compare how much the squared error and the Huber loss let it
# dominate the batch.
#
# **Try:** set every `done` to 1. Why does the loss no longer depend on $\gamma$? Then
# set every `done` to 0: how many targets change?

# %%
rng = np.random.default_rng(1)
sizes = [4, 32, 32, 2]
online = [he_layer(rng, i, o) for i, o in zip(sizes[:-1], sizes[1:])]
target = [(W + rng.normal(0, 0.05, W.shape), b) for W, b in online]  # an older copy
batch = {
    "states": rng.normal(size=(64, 4)),
    "actions": rng.integers(0, 2, size=64),
    "rewards": np.ones(64),
    "next_states": rng.normal(size=(64, 4)),
    "dones": (rng.random(64) < 0.1).astype(float),
}
print(f"terminal transitions: {int(batch['dones'].sum())} of 64")
for gamma in [0.0, 0.5, 0.9, 0.99]:
    mse, td = dqn_loss_and_td(online, target, batch, gamma)
    print(f"gamma {gamma:4.2f}: MSE {mse:7.4f}   mean TD error {td.mean():+.4f}")

glitch = {k: v.copy() for k, v in batch.items()}
glitch["rewards"][0] = 100.0
for delta in [None, 1.0]:
    clean, _ = dqn_loss_and_td(online, target, batch, 0.99, delta)
    bad, td = dqn_loss_and_td(online, target, glitch, 0.99, delta)
    name = "squared" if delta is None else "Huber  "
    slope = 2 * td[0] if delta is None else float(np.clip(td[0], -delta, delta))
    print(f"{name}: loss {clean:8.4f} -> {bad:8.4f};  slope of the glitched sample {slope:+8.2f}")

# %% [markdown]
# ## 5. The actor-critic network in PyTorch, and behavioural cloning
#
# `nn.Linear(n_in, n_out)` stores its weight as `(n_out, n_in)` and computes
# `x @ weight.T + bias`, so the course's `W` is `weight.T`. Below, a `torch.nn.Module`
# with an `nn.Sequential` torso and two `nn.Linear` heads is loaded with the NumPy weights
# of section 1, and its outputs and losses (`F.mse_loss`, `F.cross_entropy`) are compared
# with the NumPy ones.

# %% [torch]
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402


class ActorCritic(torch.nn.Module):
    def __init__(self, d, h, k):
        super().__init__()
        self.torso = torch.nn.Sequential(
            torch.nn.Linear(d, h), torch.nn.ReLU(), torch.nn.Linear(h, h), torch.nn.ReLU()
        )
        self.value = torch.nn.Linear(h, 1)
        self.policy = torch.nn.Linear(h, k)

    def forward(self, x):
        h = self.torso(x)
        return self.value(h).squeeze(1), self.policy(h)


def load(linear, W, b):
    with torch.no_grad():
        linear.weight.copy_(torch.from_numpy(W.T.copy()))
        linear.bias.copy_(torch.from_numpy(b.copy()))


net = ActorCritic(D, H, K).double()
for layer, (W, b) in zip([net.torso[0], net.torso[2], net.value, net.policy], params):
    load(layer, W, b)
labels = np.random.default_rng(5).integers(0, K, size=N)
v_t, z_t = net(torch.from_numpy(X))
print("values match:", np.allclose(v_t.detach().numpy(), values))
print("logits match:", np.allclose(z_t.detach().numpy(), logits))
mse_t = F.mse_loss(v_t, torch.from_numpy(returns)).item()
ce_t = F.cross_entropy(z_t, torch.from_numpy(labels)).item()
print(f"F.mse_loss {mse_t:.6f}  NumPy {np.mean((values - returns) ** 2):.6f}")
print(f"F.cross_entropy {ce_t:.6f}  NumPy {cross_entropy(logits, labels):.6f}")
assert np.isclose(mse_t, np.mean((values - returns) ** 2))
assert np.isclose(ce_t, cross_entropy(logits, labels))

# %% [markdown]
# Now let PyTorch do the work NumPy cannot do yet (page 7 builds it): gradients. An "expert"
# for a made-up task pushes right (action 1 of 2) when a weighted sum of the state is
# positive, and the returns it observed are a smooth function of the state. The network
# learns both at once from the sum of the two losses, with `torch.optim.Adam`. Note the
# cross-entropy falling from about $\ln 2$.
#
# **Try:** weight the value loss by 0.5, as PPO does, or drop it. Does the policy still learn?

# %% [torch]
torch.manual_seed(0)
rng = np.random.default_rng(7)
S = rng.normal(size=(512, 4))
expert = (S @ np.array([0.2, 1.0, -0.5, 1.5]) > 0).astype(np.int64)
G = np.tanh(S[:, 0]) + 0.5 * S[:, 1] ** 2
S_t, a_t, G_t = torch.from_numpy(S), torch.from_numpy(expert), torch.from_numpy(G)
model = ActorCritic(4, 64, 2).double()
opt = torch.optim.Adam(model.parameters(), lr=3e-3)
history = []
for step in range(301):
    v, z = model(S_t)
    value_loss, policy_loss = F.mse_loss(v, G_t), F.cross_entropy(z, a_t)
    opt.zero_grad()
    (value_loss + policy_loss).backward()
    opt.step()
    history.append((value_loss.item(), policy_loss.item()))
    if step % 60 == 0:
        accuracy = (z.argmax(dim=1) == a_t).double().mean().item()
        print(
            f"step {step:3d}: value MSE {value_loss.item():.4f}  cross-entropy "
            f"{policy_loss.item():.4f}  expert actions matched {accuracy:.1%}"
        )
assert history[-1][1] < 0.5 * history[0][1] and history[-1][0] < history[0][0]
if plt is not None:
    fig, ax = plt.subplots(figsize=(6, 3.4))
    ax.plot([h[0] for h in history], label="value loss (MSE)")
    ax.plot([h[1] for h in history], label="policy loss (cross-entropy)")
    ax.axhline(np.log(2), ls=":", c="grey", label="ln 2")
    ax.set_xlabel("Adam step")
    ax.set_ylabel("loss")
    ax.legend()
    plt.show()

# %% [markdown]
# ## 6. The DQN loss the PyTorch way, and the semi-gradient
#
# The usual PyTorch code for the DQN loss: `gather` picks $Q(s_i, a_i)$ (the same as
# `q[np.arange(N), actions]`), the target is computed under `torch.no_grad()`, and
# `F.huber_loss` is the Huber loss. It must agree with the NumPy version of section 4.
#
# Then the point of `no_grad`. If the target were computed by the online network *with*
# gradient, autograd would also differentiate through $y_i$, giving another update
# direction (the "residual gradient"), one that pulls the next state's value toward the
# current one as well. DQN does not do that: the target is a constant.


# %% [torch]
def torch_mlp(params):
    modules = []
    for i, (W, b) in enumerate(params):
        lin = torch.nn.Linear(*W.shape).double()
        load(lin, W, b)
        modules += [lin] if i == len(params) - 1 else [lin, torch.nn.ReLU()]
    return torch.nn.Sequential(*modules)


q_online, q_target = torch_mlp(online), torch_mlp(target)
tb = {k: torch.from_numpy(v) for k, v in batch.items()}
gamma = 0.99
q_taken = q_online(tb["states"]).gather(1, tb["actions"].unsqueeze(1)).squeeze(1)
with torch.no_grad():
    y = tb["rewards"] + gamma * (1 - tb["dones"]) * q_target(tb["next_states"]).max(1).values
for delta in [None, 1.0]:
    loss_t = F.mse_loss(q_taken, y) if delta is None else F.huber_loss(q_taken, y, delta=delta)
    loss_np, _ = dqn_loss_and_td(online, target, batch, gamma, delta)
    print(
        f"{'MSE  ' if delta is None else 'Huber'}: torch {loss_t.item():.6f}  NumPy {loss_np:.6f}"
    )
    assert np.isclose(loss_t.item(), loss_np)


def first_layer_grad(through_target):
    """Gradient of the squared TD loss w.r.t. the first weight matrix (online net as target)."""
    q_online.zero_grad()
    q = q_online(tb["states"]).gather(1, tb["actions"].unsqueeze(1)).squeeze(1)
    best = q_online(tb["next_states"]).max(1).values
    if not through_target:
        best = best.detach()  # what DQN does: the target is a constant
    y = tb["rewards"] + gamma * (1 - tb["dones"]) * best
    F.mse_loss(q, y).backward()
    return q_online[0].weight.grad.clone()


semi, full = first_layer_grad(False), first_layer_grad(True)
cosine = float((semi * full).sum() / (semi.norm() * full.norm()))
print(
    f"semi-gradient norm {semi.norm():.4f}, full-gradient norm {full.norm():.4f}, cosine {cosine:.3f}"
)
assert not torch.allclose(semi, full)
