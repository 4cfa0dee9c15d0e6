# %% [markdown]
# # Convolutional networks: experiments and the PyTorch version
#
# This notebook goes beyond the page's exercises. You will
#
# 1. check a vectorised (im2col) convolution against a naive loop and time both as the
#    images grow,
# 2. design filters by hand for a generated Pong frame and read their feature maps,
# 3. *measure* a receptive field: the input pixels where the gradient of one deep unit is
#    not zero, through the DQN's three layers,
# 4. see how a filter across the four stacked frames tells left from right motion,
# 5. with PyTorch: `nn.Conv2d` with your weights giving your maps, `F.max_pool2d`,
#    `F.unfold` (PyTorch's im2col), autograd through a convolution equal to the backward
#    pass, the same training run in NumPy and in PyTorch, and a small convolutional network
#    that learns from generated frames which way a Pong paddle should move.
#
# The cells are self-contained: the helpers below are written out so the experiments run
# before you have solved anything. Wherever a cell says so, swap in your own
# `conv2d_forward`, `conv2d_backward` or `max_pool2d`. Every experiment prints its numbers;
# plots appear when matplotlib is available.

# %%
import time

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

try:
    import matplotlib.pyplot as plt
except ImportError:  # the numbers below are printed either way
    plt = None


def pong_frame(ball=(40, 40), left=30, right=36):
    """The page's 84x84 Pong-like frame: walls, two 12-row paddles and a 2x2 ball."""
    frame = np.full((84, 84), 0.2)
    frame[:4] = frame[-4:] = 0.9
    frame[left : left + 12, 6:8] = 0.6
    frame[right : right + 12, 76:78] = 0.8
    r, c = ball
    frame[r : r + 2, c : c + 2] = 1.0
    return frame


def conv_naive(x, w, b, stride=1, padding=0):
    """The specification: one sum per output value, in Python loops."""
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    OH, OW = (H + 2 * padding - KH) // stride + 1, (W + 2 * padding - KW) // stride + 1
    out = np.zeros((N, F, OH, OW))
    for n in range(N):
        for f in range(F):
            for i in range(OH):
                for j in range(OW):
                    win = xp[n, :, i * stride : i * stride + KH, j * stride : j * stride + KW]
                    out[n, f, i, j] = np.sum(win * w[f]) + b[f]
    return out


def im2col(x, KH, KW, stride=1, padding=0):
    """(N*OH*OW, C*KH*KW): one row per window (the practice exercise p11_im2col)."""
    N, C = x.shape[:2]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    win = sliding_window_view(xp, (KH, KW), axis=(2, 3))[:, :, ::stride, ::stride]
    return win.transpose(0, 2, 3, 1, 4, 5).reshape(-1, C * KH * KW), win.shape[2:4]


def conv_fast(x, w, b, stride=1, padding=0):
    """im2col + one product, like the reference conv2d_forward (swap in yours)."""
    F, C, KH, KW = w.shape
    cols, (OH, OW) = im2col(x, KH, KW, stride, padding)
    out = np.einsum("mk,fk->mf", cols, w.reshape(F, -1))
    return out.reshape(len(x), OH, OW, F).transpose(0, 3, 1, 2) + b.reshape(1, F, 1, 1)


def conv_backward(dout, x, w, stride=1, padding=0):
    """(dx, dw, db) like the exercise conv2d_backward (swap in yours)."""
    N, C, H, W = x.shape
    F, _, KH, KW = w.shape
    OH, OW = dout.shape[2:]
    cols, _ = im2col(x, KH, KW, stride, padding)
    g = dout.transpose(0, 2, 3, 1).reshape(-1, F)
    dw = np.einsum("mf,mk->fk", g, cols).reshape(w.shape)
    dcols = np.einsum("mf,fk->mk", g, w.reshape(F, -1)).reshape(N, OH, OW, C, KH, KW)
    dxp = np.zeros((N, C, H + 2 * padding, W + 2 * padding))
    for u in range(KH):
        for v in range(KW):
            dxp[:, :, u : u + stride * OH : stride, v : v + stride * OW : stride] += dcols[
                ..., u, v
            ].transpose(0, 3, 1, 2)
    return dxp[:, :, padding : padding + H, padding : padding + W], dw, dout.sum(axis=(0, 2, 3))


def max_pool(x, k=2, s=2):
    """Max pooling like the exercise max_pool2d (swap in yours)."""
    return sliding_window_view(x, (k, k), axis=(2, 3))[:, :, ::s, ::s].max(axis=(4, 5))


print("ready; matplotlib", "available" if plt is not None else "not available (numbers only)")

# %% [markdown]
# ## 1. The fast version against the naive loop
#
# Random inputs with every size different (batch, channels, height, width, filters, kernel
# height and width), a stride that leaves pixels over and padding: if the index bookkeeping
# of im2col were wrong anywhere, one of these would show it. Then the two are timed on one
# frame stack of growing size with the DQN's first layer (32 filters of $8 \times 8$,
# stride 4). The loop's time grows with the number of output values; the vectorised
# version's too, but each output value costs far less.
#
# **Try:** replace `conv_fast` by your `conv2d_forward`.

# %%
rng = np.random.default_rng(0)
for shape, wshape, stride, padding in [
    ((2, 3, 7, 6), (4, 3, 3, 2), 1, 0),
    ((3, 2, 9, 8), (5, 2, 4, 3), 3, 2),
    ((1, 4, 20, 20), (2, 4, 8, 8), 4, 0),
]:
    x, w, b = (
        rng.standard_normal(shape),
        rng.standard_normal(wshape),
        rng.standard_normal(wshape[0]),
    )
    same = np.allclose(conv_fast(x, w, b, stride, padding), conv_naive(x, w, b, stride, padding))
    print(f"x {shape}, w {wshape}, stride {stride}, padding {padding}: fast == naive: {same}")
    assert same

w1, b1 = rng.normal(0.0, 0.05, (32, 4, 8, 8)), np.zeros(32)
for size in (20, 36, 52, 84):
    x = rng.random((1, 4, size, size))
    t0 = time.perf_counter()
    conv_naive(x, w1, b1, stride=4)
    t_loop = time.perf_counter() - t0
    t0 = time.perf_counter()
    conv_fast(x, w1, b1, stride=4)
    t_fast = time.perf_counter() - t0
    print(
        f"{size:3d}x{size:<3d} frames: loop {t_loop * 1e3:8.1f} ms, im2col {t_fast * 1e3:6.2f} ms"
    )

# %% [markdown]
# ## 2. Hand-made filters on a generated frame
#
# Four $3 \times 3$ filters and what they find on a Pong frame: the page's two Sobel edge
# filters, a "blob" filter that responds to small bright spots brighter than their
# surroundings (a centre-minus-surround filter), and a diagonal edge filter. The numbers
# printed are where each map is largest, which for the blob filter is the ball.
#
# **Try:** design a filter that responds to the *left* paddle but not to the right one (hint:
# they differ in brightness; a bias can cut off the weaker response after a ReLU).

# %%
frame = pong_frame(ball=(40, 44))
filters = {
    "vertical edges": np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]]),
    "horizontal edges": np.array([[-1.0, -2.0, -1.0], [0.0, 0.0, 0.0], [1.0, 2.0, 1.0]]),
    "bright blob": np.array([[-1.0, -1.0, -1.0], [-1.0, 8.0, -1.0], [-1.0, -1.0, -1.0]]) / 8,
    "diagonal": np.array([[0.0, 1.0, 2.0], [-1.0, 0.0, 1.0], [-2.0, -1.0, 0.0]]),
}
w_hand = np.stack(list(filters.values()))[:, None]  # (4, 1, 3, 3): 4 filters on 1 channel
maps = conv_fast(frame[None, None], w_hand, np.zeros(4))[0]  # (4, 82, 82), no padding
for name, m in zip(filters, maps):
    r, c = np.unravel_index(np.argmax(m), m.shape)  # window (r, c) is centred on pixel (r+1, c+1)
    print(f"{name:16s}: largest response {m.max():5.2f}, centred on pixel ({r + 1}, {c + 1})")

if plt is not None:
    fig, axes = plt.subplots(1, 5, figsize=(12, 2.8))
    axes[0].imshow(frame, cmap="gray", vmin=0, vmax=1)
    axes[0].set_title("frame")
    for ax, name, m in zip(axes[1:], filters, maps):
        lim = np.abs(m).max()
        ax.imshow(m, cmap="RdBu_r", vmin=-lim, vmax=lim)
        ax.set_title(name)
    for ax in axes:
        ax.set_xticks([])
        ax.set_yticks([])
    plt.show()

# %% [figure] p11-edge-filters

# %% [markdown]
# ## 3. Measuring a receptive field with the backward pass
#
# Which input pixels can change the value of one unit of the DQN's third convolutional
# layer? Exactly those where the gradient of that unit with respect to the input is not
# zero. We run the three layers (8x8/4, 4x4/2, 3x3/1, one channel each and all weights 1, so
# that no gradient cancels by accident), set `dout` to 1 at the centre unit of the third
# layer's $7 \times 7$ map and 0 elsewhere, and push it back to the pixels with the
# backward pass. The nonzero region is the receptive field; its values count the paths from
# each pixel to the unit, and show that the centre of a receptive field matters most.

# %%
shapes = [(8, 4), (4, 2), (3, 1)]  # (kernel, stride) of conv1, conv2, conv3
x = np.ones((1, 1, 84, 84))
acts, ws = [x], []
for k, s in shapes:
    ws.append(np.ones((1, 1, k, k)))
    acts.append(conv_fast(acts[-1], ws[-1], np.zeros(1), stride=s))  # linear: no ReLU
print("map sizes:", [a.shape[-1] for a in acts])

grad = np.zeros(acts[-1].shape)
grad[0, 0, 3, 3] = 1.0  # d(unit)/d(unit) for the centre unit of conv3
for (_, s), w, a_in in zip(shapes[::-1], ws[::-1], acts[-2::-1]):
    grad, _, _ = conv_backward(grad, a_in, w, stride=s)
rows, cols = np.nonzero(grad[0, 0])
print(f"receptive field: rows {rows.min()}..{rows.max()}, columns {cols.min()}..{cols.max()}: "
      f"{rows.max() - rows.min() + 1} x {cols.max() - cols.min() + 1} pixels")  # fmt: skip
g = grad[0, 0]
print(
    f"paths from the centre pixel: {g[42, 42]:.0f}; from a corner pixel of the field: {g[24, 24]:.0f}"
)

if plt is not None:
    fig, ax = plt.subplots(figsize=(4, 4))
    ax.imshow(g, cmap="viridis")
    ax.set_title("d(conv3 unit (3, 3)) / d(pixel)")
    plt.show()

# %% [figure] p11-receptive-field

# %% [markdown]
# ## 4. Motion from a frame stack
#
# 100 random four-frame stacks in which the ball moves 2 pixels per frame, to the left or to
# the right. No single frame can tell the two apart. Two small convolutional layers can:
#
# - a $1 \times 1$ convolution **across the channels** with weights $(0, 0, -1, 1)$ computes
#   "newest frame minus the one before" (the page's motion map): the moving ball leaves a
#   pattern $(-, -, +, +)$ along its row when it moves right and $(+, +, -, -)$ when it moves
#   left; everything that did not move is 0;
# - a $1 \times 4$ convolution **across space** with two filters, $(-1, -1, 1, 1)$ and its
#   negative, matches those two patterns.
#
# After a ReLU, a global max pooling (the largest response anywhere in the map) says which
# pattern occurs. This is a hand-built miniature of what a DQN's first layers learn.
#
# **Try:** let the ball move 3 pixels per frame. Does the 1x4 filter still work? Which
# filter width would you choose, and why do learned first-layer filters in the DQN cover
# $8 \times 8$ pixels?


# %%
def moving_stack(rng, direction):
    r, c = int(rng.integers(10, 70)), int(rng.integers(12, 64))
    return np.stack([pong_frame(ball=(r, c + 2 * direction * t)) for t in range(4)])


rng = np.random.default_rng(4)
directions = rng.choice([-1, 1], size=100)
stacks = np.stack([moving_stack(rng, d) for d in directions])  # (100, 4, 84, 84)
w_time = np.array([0.0, 0.0, -1.0, 1.0]).reshape(1, 4, 1, 1)  # 1x1 across the 4 channels
motion = conv_fast(stacks, w_time, np.zeros(1))  # (100, 1, 84, 84)
s = np.array([-1.0, -1.0, 1.0, 1.0])
w_space = np.stack([s, -s]).reshape(2, 1, 1, 4)  # filter 0: moving right, filter 1: left
responses = np.maximum(conv_fast(motion, w_space, np.zeros(2)), 0.0)  # (100, 2, 84, 81)
evidence = responses.max(axis=(2, 3))  # global max pooling
guess = np.where(evidence[:, 0] > evidence[:, 1], 1, -1)
print("strongest responses of the first stack (right, left):", evidence[0].round(2),
      " it moves", "right" if directions[0] > 0 else "left")  # fmt: skip
print(
    f"direction read correctly for {np.mean(guess == directions):.0%} of {len(directions)} stacks"
)

# %% [figure] p11-frame-stack-motion

# %% [markdown]
# ## 5. The same layer in PyTorch
#
# The cells below need PyTorch. `torch.nn.Conv2d(in_channels, out_channels, kernel_size,
# stride, padding)` stores its `weight` as `(out_channels, in_channels, KH, KW)`: the
# course's `(F, C, KH, KW)`, so weights copy over **without** a transpose (unlike
# `nn.Linear`, page 5). We copy random weights into the DQN's first layer, run a batch of
# generated frame stacks through both implementations, and compare. We use float64 so the
# two agree to about $10^{-13}$; a real agent would run float32 on a GPU.

# %% [torch]
import torch  # noqa: E402 - a notebook cell imports what it needs
import torch.nn.functional as F  # noqa: E402
from torch import nn  # noqa: E402

conv1 = nn.Conv2d(4, 32, kernel_size=8, stride=4).double()
w = conv1.weight.detach().numpy().copy()  # (32, 4, 8, 8)
b = conv1.bias.detach().numpy().copy()
batch = stacks[:32]
with torch.no_grad():
    torch_maps = conv1(torch.from_numpy(batch)).numpy()
ours = conv_fast(batch, w, b, stride=4)
print("nn.Conv2d weight:", tuple(conv1.weight.shape), " output:", torch_maps.shape)
print(f"largest difference, nn.Conv2d vs NumPy: {np.max(np.abs(torch_maps - ours)):.1e}")
assert np.allclose(torch_maps, ours, rtol=1e-10, atol=1e-12)

pooled = F.max_pool2d(torch.from_numpy(ours), kernel_size=2, stride=2).numpy()
print("F.max_pool2d:", pooled.shape, " same as NumPy:", np.array_equal(pooled, max_pool(ours)))
assert np.array_equal(pooled, max_pool(ours))

cols, _ = im2col(batch[:2], 8, 8, stride=4)
unfolded = F.unfold(torch.from_numpy(batch[:2]), kernel_size=8, stride=4)  # (N, C*KH*KW, L)
same = np.array_equal(cols, unfolded.transpose(1, 2).reshape(-1, 256).numpy())
print("F.unfold is im2col (rows and columns in the same order):", same)
assert same

# %% [markdown]
# ### Autograd through a convolution
#
# A mean squared error on the ReLU of the first layer's maps, differentiated by autograd and
# by hand: the loss's gradient, through the ReLU (page 7), gives `dout`; our backward pass
# turns it into the gradients of the weights, the biases and the input frames. All three
# agree with `.grad`.

# %% [torch]
rng = np.random.default_rng(5)
x_np = batch[:8]
target = rng.standard_normal((8, 32, 20, 20))
tx = torch.tensor(x_np, requires_grad=True)
tw = torch.tensor(w, requires_grad=True)
tb = torch.tensor(b, requires_grad=True)
loss = ((torch.relu(F.conv2d(tx, tw, tb, stride=4)) - torch.from_numpy(target)) ** 2).mean()
loss.backward()

z = conv_fast(x_np, w, b, stride=4)
dout = 2.0 * (np.maximum(z, 0.0) - target) / z.size * (z > 0)  # d loss / d z
dx, dw, db = conv_backward(dout, x_np, w, stride=4)
for name, ours_g, theirs in [("dx", dx, tx.grad), ("dw", dw, tw.grad), ("db", db, tb.grad)]:
    err = np.max(np.abs(ours_g - theirs.numpy()))
    print(f"{name} {ours_g.shape}: largest difference from autograd {err:.1e}")
    assert np.allclose(ours_g, theirs.numpy(), rtol=1e-9, atol=1e-14)

# %% [markdown]
# ### Real work 1: the same training run in NumPy and in PyTorch
#
# A tiny network reads two-frame crops ($2 \times 24 \times 24$) of the moving ball and
# classifies the direction of motion: conv ($2 \to 4$ channels, $4 \times 4$, stride 2) +
# ReLU, flatten, dense layer to 2 logits, cross-entropy. We train it for 40 steps of plain
# gradient descent in NumPy, with our `conv_backward` and page 7's dense backward pass, and
# in PyTorch with `loss.backward()` and `torch.optim.SGD`, from the same initial weights on
# the same data. The two loss curves are the same curve.

# %% [torch]
rng = np.random.default_rng(6)
n = 64
dirs = rng.choice([0, 1], size=n)  # 0: left, 1: right
crops = np.zeros((n, 2, 24, 24))
for i, d in enumerate(dirs):
    r, c = int(rng.integers(2, 20)), int(rng.integers(6, 16))
    crops[i, 0, r : r + 2, c : c + 2] = 1.0
    crops[i, 1, r : r + 2, c + (3 if d else -3) : c + (3 if d else -3) + 2] = 1.0
Wc0 = rng.normal(0.0, np.sqrt(2.0 / 32), (4, 2, 4, 4))
bc0 = np.zeros(4)
Wd0 = rng.normal(0.0, np.sqrt(1.0 / 484), (4 * 11 * 11, 2))
bd0 = np.zeros(2)
lr, steps = 0.5, 40


def ce_and_grad(logits, labels):
    zs = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(zs) / np.exp(zs).sum(axis=1, keepdims=True)
    loss = float(-np.mean(np.log(p[np.arange(len(labels)), labels])))
    p[np.arange(len(labels)), labels] -= 1.0
    return loss, p / len(labels)


Wc, bc, Wd, bd = Wc0.copy(), bc0.copy(), Wd0.copy(), bd0.copy()
np_losses = []
for _ in range(steps):
    z1 = conv_fast(crops, Wc, bc, stride=2)  # (n, 4, 11, 11)
    a1 = np.maximum(z1, 0.0)
    flat = a1.reshape(n, -1)  # C order, as torch.flatten
    loss, dlogits = ce_and_grad(flat @ Wd + bd, dirs)
    np_losses.append(loss)
    dWd, dbd = flat.T @ dlogits, dlogits.sum(axis=0)
    dz1 = (dlogits @ Wd.T).reshape(a1.shape) * (z1 > 0)
    _, dWc, dbc = conv_backward(dz1, crops, Wc, stride=2)
    Wc, bc, Wd, bd = Wc - lr * dWc, bc - lr * dbc, Wd - lr * dWd, bd - lr * dbd

net = nn.Sequential(
    nn.Conv2d(2, 4, 4, stride=2), nn.ReLU(), nn.Flatten(), nn.Linear(484, 2)
).double()
with torch.no_grad():
    net[0].weight.copy_(torch.from_numpy(Wc0))
    net[0].bias.copy_(torch.from_numpy(bc0))
    net[3].weight.copy_(torch.from_numpy(Wd0.T.copy()))  # nn.Linear stores (out, in)
    net[3].bias.copy_(torch.from_numpy(bd0))
opt = torch.optim.SGD(net.parameters(), lr=lr)
X_t, y_t = torch.from_numpy(crops), torch.from_numpy(dirs)
torch_losses = []
for _ in range(steps):
    opt.zero_grad()
    loss = F.cross_entropy(net(X_t), y_t)
    loss.backward()
    opt.step()
    torch_losses.append(loss.item())

print(f"loss: start {np_losses[0]:.4f} (ln 2 = {np.log(2):.4f}), after {steps} steps "
      f"NumPy {np_losses[-1]:.4f}, PyTorch {torch_losses[-1]:.4f}")  # fmt: skip
print(
    f"largest difference between the curves: {max(abs(p - q) for p, q in zip(np_losses, torch_losses)):.1e}"
)
assert np.allclose(np_losses, torch_losses, rtol=1e-8, atol=1e-10)
if plt is not None:
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    ax.plot(np_losses, linewidth=3, label="NumPy: conv_fast + conv_backward")
    ax.plot(torch_losses, "--", label="PyTorch: nn.Conv2d + autograd + SGD")
    ax.set_xlabel("gradient step")
    ax.set_ylabel("cross-entropy")
    ax.legend()
    plt.show()

# %% [markdown]
# ### Real work 2: learning where to move a paddle, from pixels
#
# Behavioural cloning, the supervised cousin of RL: a small convolutional network sees a
# generated Pong frame and must output the action of a simple expert for the left paddle:
# "up" if the ball is above the paddle's centre, "down" otherwise. Nothing in the input says
# where the paddle or the ball is: the network must find both in the pixels and compare their
# rows, across half the screen. To keep the cell fast on a CPU the frames are downsampled to
# $42 \times 42$ (every second row and column) and the network is the DQN's shape at a
# smaller scale: two strided convolutions (8 filters 4x4/2, 16 filters 4x4/2) with ReLUs, then
# a dense layer of 32 units and one logit per action. Adam trains it on 1,200 frames; we
# report the accuracy on 400 frames it never saw. A DQN has the same body; only its target
# (a TD target instead of the expert's action) and its output (Q-values instead of logits)
# differ.
#
# **Try:** remove the second convolution (and fix the dense layer's input size). The
# receptive field of a unit then shrinks from 10 to 4 pixels of the small frame: does the
# accuracy suffer, and why might the dense layer still cope?


# %% [torch]
def expert_batch(rng, n):
    """n downsampled frames (n, 1, 42, 42) and the expert's actions: 0 up, 1 down."""
    xs, ys = np.zeros((n, 1, 42, 42), dtype=np.float32), np.zeros(n, dtype=np.int64)
    for i in range(n):
        paddle = int(rng.integers(6, 66))  # top row of the left paddle (12 rows tall)
        r, c = int(rng.integers(6, 76)), int(rng.integers(20, 64))
        xs[i, 0] = pong_frame(ball=(r, c), left=paddle)[::2, ::2]
        ys[i] = int(r + 1 > paddle + 6)  # ball centre below the paddle centre: move down
    return torch.from_numpy(xs), torch.from_numpy(ys)


torch.manual_seed(0)
rng = np.random.default_rng(7)
X_train, y_train = expert_batch(rng, 1200)
X_test, y_test = expert_batch(rng, 400)
print("actions in the training set (up, down):", torch.bincount(y_train).tolist())

policy = nn.Sequential(
    nn.Conv2d(1, 8, 4, stride=2), nn.ReLU(),   # 42 -> 20
    nn.Conv2d(8, 16, 4, stride=2), nn.ReLU(),  # 20 -> 9
    nn.Flatten(), nn.Linear(16 * 9 * 9, 32), nn.ReLU(), nn.Linear(32, 2),
)  # fmt: skip
opt = torch.optim.Adam(policy.parameters(), lr=3e-3)
for epoch in range(6):
    perm = torch.randperm(len(X_train))
    for start in range(0, len(X_train), 50):
        idx = perm[start : start + 50]
        opt.zero_grad()
        loss = F.cross_entropy(policy(X_train[idx]), y_train[idx])
        loss.backward()
        opt.step()
    with torch.no_grad():
        acc = (policy(X_test).argmax(dim=1) == y_test).float().mean().item()
    print(f"epoch {epoch + 1}: last minibatch loss {loss.item():.3f}, held-out accuracy {acc:.1%}")
print(
    "always predicting the more common action would score",
    f"{torch.bincount(y_test).max().item() / len(y_test):.1%}",
)
