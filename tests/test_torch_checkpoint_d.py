"""Checkpoint D reference solutions against PyTorch (CPU, float64).

D.1: the student-layer Nature DQN against `F.conv2d` and an `nn.Sequential` with the same
weights (full size and the smaller stacks the hidden tests use). D.2: the loss against
`F.huber_loss` of a `gather`, with the target computed under `torch.no_grad()`; `dq`
against autograd on the Q-values; the hard sync against `load_state_dict` semantics.
The quiz's numbers are recomputed from the `nn.Sequential`.
"""

from pathlib import Path

import numpy as np
import pytest
import yaml

torch = pytest.importorskip("torch")
nn = torch.nn
F = torch.nn.functional

CHECKPOINT = Path(__file__).resolve().parents[1] / "exercises" / "checkpoint-d"
LAYERS = [("conv1", 32, 8, 4), ("conv2", 64, 4, 2), ("conv3", 64, 3, 1)]


def _solution(exercise: str) -> dict:
    """Execute an exercise's solution.py and return its namespace."""
    path = CHECKPOINT / exercise / "solution.py"
    namespace: dict = {"__name__": f"solution_{exercise}"}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    return namespace


def _params(rng, size, n_actions, frames=4, hidden=512):
    params, channels = {}, frames
    for name, filters, kernel, stride in LAYERS:
        fan_in = channels * kernel * kernel
        shape = (filters, channels, kernel, kernel)
        params[name + "_w"] = rng.normal(0, np.sqrt(2 / fan_in), shape)
        params[name + "_b"] = rng.normal(0, 0.1, filters)
        size, channels = (size - kernel) // stride + 1, filters
    flat = channels * size * size
    params["fc1_w"] = rng.normal(0, np.sqrt(2 / flat), (flat, hidden))
    params["fc1_b"] = rng.normal(0, 0.1, hidden)
    params["fc2_w"] = rng.normal(0, np.sqrt(1 / hidden), (hidden, n_actions))
    params["fc2_b"] = rng.normal(0, 0.1, n_actions)
    return params, flat


def _sequential(params, flat, frames=4):
    """nn.Sequential of the Nature layers holding the course-layout weights."""
    hidden, n_actions = params["fc2_w"].shape
    net = nn.Sequential(
        nn.Conv2d(frames, 32, 8, stride=4),
        nn.ReLU(),
        nn.Conv2d(32, 64, 4, stride=2),
        nn.ReLU(),
        nn.Conv2d(64, 64, 3, stride=1),
        nn.ReLU(),
        nn.Flatten(),
        nn.Linear(flat, hidden),
        nn.ReLU(),
        nn.Linear(hidden, n_actions),
    ).double()
    convs = [m for m in net if isinstance(m, nn.Conv2d)]
    linears = [m for m in net if isinstance(m, nn.Linear)]
    with torch.no_grad():
        for module, (name, *_) in zip(convs, LAYERS):
            module.weight.copy_(torch.from_numpy(params[name + "_w"]))
            module.bias.copy_(torch.from_numpy(params[name + "_b"]))
        for module, name in zip(linears, ("fc1", "fc2")):
            module.weight.copy_(torch.from_numpy(params[name + "_w"].T.copy()))
            module.bias.copy_(torch.from_numpy(params[name + "_b"]))
    return net


@pytest.mark.parametrize(
    "seed, shape, kernel, stride",
    [(0, (2, 3, 9, 7), (3, 2), 1), (1, (1, 4, 84, 84), (8, 8), 4), (2, (3, 2, 11, 10), (2, 3), 3)],
)
def test_conv2d_matches_torch_conv2d(seed, shape, kernel, stride):
    ns = _solution("cpd_dqn_from_layers")
    rng = np.random.default_rng(seed)
    x = rng.normal(size=shape)
    w = rng.normal(size=(5, shape[1], *kernel))
    b = rng.normal(size=5)
    want = F.conv2d(torch.from_numpy(x), torch.from_numpy(w), torch.from_numpy(b), stride=stride)
    got = ns["conv2d"](x, w, b, stride=stride)
    assert got.shape == tuple(want.shape)
    np.testing.assert_allclose(got, want.numpy(), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize(
    "seed, size, frames, n_actions, n",
    [
        (10, 84, 4, 4, 2),
        (11, 84, 4, 18, 1),
        (12, 44, 4, 3, 3),
        (13, 52, 2, 5, 1),
        (14, 36, 4, 2, 4),
    ],
)
def test_dqn_forward_matches_sequential(seed, size, frames, n_actions, n):
    ns = _solution("cpd_dqn_from_layers")
    rng = np.random.default_rng(seed)
    params, flat = _params(rng, size, n_actions, frames)
    obs = rng.random((n, frames, size, size))
    with torch.no_grad():
        want = _sequential(params, flat, frames)(torch.from_numpy(obs)).numpy()
    got = ns["dqn_forward"](obs, params)
    assert got.shape == (n, n_actions)
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-11)


def _batch(rng, n, size, n_actions):
    return {
        "obs": rng.random((n, 4, size, size)),
        "actions": rng.integers(0, n_actions, size=n),
        "rewards": rng.choice([-1.0, 0.0, 1.0], size=n),
        "next_obs": rng.random((n, 4, size, size)),
        "dones": (rng.random(n) < 0.3).astype(np.float64),
    }


@pytest.mark.parametrize(
    "seed, n, delta, gamma", [(20, 1, 1.0, 0.99), (21, 16, 0.5, 0.9), (22, 8, 3.0, 0.0)]
)
def test_dqn_update_matches_huber_loss_and_autograd(seed, n, delta, gamma):
    forward = _solution("cpd_dqn_from_layers")["dqn_forward"]
    update = _solution("cpd_dqn_update_targets")["dqn_update"]
    rng = np.random.default_rng(seed)
    online, flat = _params(rng, 44, 3)
    online["fc2_w"] *= 5.0  # TD errors on both sides of delta
    target, _ = _params(rng, 44, 3)
    batch = _batch(rng, n, 44, 3)
    loss, td, dq = update(forward, online, target, batch, gamma, delta=delta)

    online_net, target_net = _sequential(online, flat), _sequential(target, flat)
    actions = torch.from_numpy(batch["actions"])
    with torch.no_grad():
        next_best = target_net(torch.from_numpy(batch["next_obs"])).max(dim=1).values
        y = (
            torch.from_numpy(batch["rewards"])
            + gamma * (1 - torch.from_numpy(batch["dones"])) * next_best
        )
    q = online_net(torch.from_numpy(batch["obs"])).detach().requires_grad_(True)
    q_taken = q.gather(1, actions[:, None]).squeeze(1)
    want = F.huber_loss(q_taken, y, delta=delta)
    want.backward()
    assert type(loss) is float
    assert loss == pytest.approx(want.item(), rel=1e-10, abs=1e-12)
    np.testing.assert_allclose(td, (q_taken - y).detach().numpy(), rtol=1e-9, atol=1e-11)
    np.testing.assert_allclose(dq, q.grad.numpy(), rtol=1e-9, atol=1e-13)
    if n > 1:
        assert np.any(np.abs(td) > delta) or delta > 1.0


def test_dq_backpropagates_like_autograd_into_the_network():
    """fc2's gradient from dq (page 7's dense backward) equals autograd's on the full net."""
    forward = _solution("cpd_dqn_from_layers")
    update = _solution("cpd_dqn_update_targets")["dqn_update"]
    rng = np.random.default_rng(30)
    online, flat = _params(rng, 44, 4)
    target, _ = _params(rng, 44, 4)
    batch = _batch(rng, 6, 44, 4)
    _, _, dq = update(forward["dqn_forward"], online, target, batch, 0.99)
    net, target_net = _sequential(online, flat), _sequential(target, flat)
    with torch.no_grad():
        y = (
            torch.from_numpy(batch["rewards"])
            + 0.99
            * (1 - torch.from_numpy(batch["dones"]))
            * target_net(torch.from_numpy(batch["next_obs"])).max(dim=1).values
        )
    q = net(torch.from_numpy(batch["obs"]))
    F.huber_loss(q.gather(1, torch.from_numpy(batch["actions"])[:, None]).squeeze(1), y).backward()
    h = torch.from_numpy(batch["obs"])
    with torch.no_grad():
        for module in list(net)[:-1]:
            h = module(h)
    np.testing.assert_allclose(
        h.numpy().T @ dq, net[-1].weight.grad.numpy().T, rtol=1e-8, atol=1e-12
    )
    np.testing.assert_allclose(dq.sum(axis=0), net[-1].bias.grad.numpy(), rtol=1e-8, atol=1e-12)
    assert all(p.grad is None for p in target_net.parameters())  # the target got no gradient


def test_sync_target_behaves_like_load_state_dict():
    """At a multiple of period: the online values in separate storage (as load_state_dict)."""
    sync = _solution("cpd_dqn_update_targets")["sync_target"]
    rng = np.random.default_rng(40)
    online, flat = _params(rng, 36, 2)
    target, _ = _params(rng, 36, 2)
    online_net, target_net = _sequential(online, flat), _sequential(target, flat)
    target_net.load_state_dict(online_net.state_dict())
    synced = sync(target, online, 20, 10)
    for key, value in synced.items():
        assert not np.shares_memory(value, online[key])
    with torch.no_grad():
        obs = torch.from_numpy(rng.random((2, 4, 36, 36)))
        want = target_net(obs).numpy()
    forward = _solution("cpd_dqn_from_layers")["dqn_forward"]
    np.testing.assert_allclose(forward(obs.numpy(), synced), want, rtol=1e-9, atol=1e-11)
    for key in online:  # an in-place step on the online network leaves the copy alone
        online[key] -= 0.1
    np.testing.assert_allclose(forward(obs.numpy(), synced), want, rtol=1e-9, atol=1e-11)
    assert sync(target, online, 21, 10) is target


def test_quiz_numbers_match_torch():
    """The quiz's shapes and parameter counts, recomputed from nn.Sequential and nn.Conv2d."""
    spec = yaml.safe_load((CHECKPOINT / "cpd_quiz" / "spec.yaml").read_text(encoding="utf-8"))
    answers = {q["id"]: q.get("answer") for q in spec["questions"]}
    rng = np.random.default_rng(50)
    shapes = []
    for n_actions in (4, 18):
        params, flat = _params(rng, 84, n_actions)
        net = _sequential(params, flat)
        x = torch.zeros(32, 4, 84, 84, dtype=torch.float64)
        shapes = []
        for module in net:
            x = module(x)
            if not isinstance(module, nn.ReLU):
                shapes.append(tuple(x.shape))
        total = sum(p.numel() for p in net.parameters())
        if n_actions == 18:
            assert total == answers["total_18_actions"]
        else:
            assert total == 1_686_180
            assert net[7].weight.numel() + net[7].bias.numel() == answers["fc1_params"]
            assert shapes[0][1:] == (32, 20, 20)
            assert int(np.prod(shapes[0][1:])) == answers["conv1_outputs"]
            assert shapes[3] == (32, answers["flatten_size"])
            order = spec["questions"][0]
            assert order["id"] == "shape_order"
            assert [s.strip("`") for s in order["items"]] == [str((32, 4, 84, 84))] + [
                str(s) for s in shapes
            ]
    # the receptive field: which input pixels move conv3's unit (0, 0)?
    params, flat = _params(rng, 84, 4)
    torso = _sequential(params, flat)[:6]
    x = torch.rand(1, 4, 84, 84, dtype=torch.float64, requires_grad=True)
    torso(x)[0, :, 0, 0].sum().backward()
    rows = torch.nonzero(x.grad.abs().sum(dim=(0, 1, 3))).flatten()
    assert int(rows.max()) + 1 <= answers["receptive_field"]
    pre = nn.Sequential(torso[0], torso[2], torso[4])  # the convolutions without ReLUs
    x.grad = None
    pre(x)[0, :, 0, 0].sum().backward()
    rows = torch.nonzero(x.grad.abs().sum(dim=(0, 1, 3))).flatten()
    assert int(rows.max()) + 1 == answers["receptive_field"] == 36
    # Huber's slope at -5 with delta 1, averaged over 32
    q = torch.zeros(32, dtype=torch.float64, requires_grad=True)
    y = torch.zeros(32, dtype=torch.float64)
    y[0] = 5.0
    F.huber_loss(q, y, delta=1.0).backward()
    assert q.grad[0].item() == pytest.approx(answers["huber_gradient"])
    assert answers["greedy_probability"] == pytest.approx(0.9 + 0.1 / 4)
