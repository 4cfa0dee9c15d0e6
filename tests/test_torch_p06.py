"""PyTorch as the oracle for page 6: the reference losses against torch (CPU, float64)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")
F = torch.nn.functional

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "exercises" / "06-loss-functions"


def load_solution(name: str) -> dict:
    """Execute an exercise's solution.py and return its namespace."""
    path = PAGE / name / "solution.py"
    namespace: dict = {"__name__": f"solution_{name}"}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    return namespace


def t(x) -> torch.Tensor:
    return torch.as_tensor(np.asarray(x))


def assert_close(got, want: torch.Tensor, *, rtol=1e-9, atol=1e-12):
    assert type(got) is float, f"expected a Python float, got {type(got).__name__}"
    np.testing.assert_allclose(got, float(want.detach()), rtol=rtol, atol=atol)


def logit_batches():
    rng = np.random.default_rng(2606)
    yield rng.normal(size=(8, 4)), rng.integers(0, 4, size=8)
    yield rng.normal(size=(1, 6)) * 5.0, np.array([5])  # a batch of one
    yield np.full((3, 5), 2.5), np.array([0, 4, 2])  # ties: loss log 5
    yield rng.normal(size=(6, 3)) * 1e4, rng.integers(0, 3, size=6)  # logits of 1e4
    yield np.array([[1e4, 0.0, -1e4], [-1e4, -1e4 + 1.0, -1e4]]), np.array([1, 0])
    yield np.array([[50.0, 0.0]]), np.array([0])  # a near-certain, correct prediction


@pytest.mark.parametrize("label_dtype", [np.int64, np.int32])
def test_cross_entropy_matches_torch(label_dtype):
    ce = load_solution("cross_entropy_loss")["cross_entropy_loss"]
    for logits, labels in logit_batches():
        labels = labels.astype(label_dtype)
        want = F.cross_entropy(t(logits), t(labels.astype(np.int64)))
        before = logits.copy(), labels.copy()
        got = ce(logits, labels)
        assert np.isfinite(got)
        assert_close(got, want, rtol=1e-9, atol=1e-10)
        assert np.array_equal(logits, before[0]) and np.array_equal(labels, before[1])


def test_cross_entropy_autograd_gradient_is_softmax_minus_onehot_over_n():
    # What page 7 builds on: d(mean CE)/d logits = (softmax - onehot) / N.
    rng = np.random.default_rng(61)
    logits = rng.normal(size=(5, 4)) * 3.0
    labels = np.array([0, 3, 1, 1, 2])
    z = t(logits).requires_grad_(True)
    F.cross_entropy(z, t(labels)).backward()
    p = np.exp(logits - logits.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    np.testing.assert_allclose(z.grad.numpy(), (p - np.eye(4)[labels]) / 5, rtol=1e-9, atol=1e-12)


def pairs():
    rng = np.random.default_rng(2607)
    yield rng.normal(size=20) * 3.0, rng.normal(size=20)
    yield rng.normal(size=(6, 3)), rng.normal(size=(6, 3)) * 2.0
    yield np.array([[0.5]]), np.array([[0.0]])  # one element
    yield np.array([1.0, -1.0, 2.0, -2.0, 0.0]), np.zeros(5)  # exactly on the boundaries
    yield np.array([1e6, -3e6, 0.25]), np.array([0.0, 1.0, 0.0])  # huge errors


@pytest.mark.parametrize("delta", [1.0, 0.5, 2.0, 10.0])
def test_huber_matches_torch(delta):
    huber = load_solution("huber_loss")["huber_loss"]
    for pred, target in pairs():
        want = F.huber_loss(t(pred), t(target), delta=delta)
        assert_close(huber(pred, target, delta), want)
        if delta == 1.0:  # the default, and smooth L1 with beta = 1
            assert_close(huber(pred, target), F.smooth_l1_loss(t(pred), t(target), beta=1.0))
        # smooth_l1(beta) = huber(delta=beta) / beta: the relation the page teaches
        sl1 = F.smooth_l1_loss(t(pred), t(target), beta=delta)
        assert_close(huber(pred, target, delta) / delta, sl1)


def test_huber_is_finite_for_errors_of_1e200():
    huber = load_solution("huber_loss")["huber_loss"]
    got = huber(np.array([1e200, -3e200]), np.zeros(2))
    assert_close(got, F.huber_loss(t([1e200, -3e200]), t([0.0, 0.0])))
    assert np.isfinite(got)


def test_mse_matches_torch():
    mse = load_solution("mse_loss")["mse_loss"]
    for pred, target in pairs():
        assert_close(mse(pred, target), F.mse_loss(t(pred), t(target)))
    ints = np.array([1, 2, 3, 4], dtype=np.int64)
    assert_close(mse(ints, np.zeros(4, dtype=np.int64)), F.mse_loss(t(ints * 1.0), t(np.zeros(4))))


@pytest.mark.parametrize("action_dtype", [np.int64, np.int32])
def test_dqn_loss_matches_torch_gather(action_dtype):
    dqn_loss = load_solution("dqn_loss")["dqn_loss"]
    rng = np.random.default_rng(2608)
    for n, a in ((32, 2), (1, 4), (5, 5)):
        q = rng.normal(size=(n, a)) * 10.0
        actions = rng.integers(0, a, size=n).astype(action_dtype)
        targets = rng.normal(size=n) * 10.0
        chosen = t(q).gather(1, t(actions.astype(np.int64)).unsqueeze(1)).squeeze(1)
        assert_close(dqn_loss(q, actions, targets), F.mse_loss(chosen, t(targets)))


@pytest.mark.parametrize("done_dtype", [np.float64, np.bool_])
def test_td_targets_and_dqn_loss_match_a_torch_dqn_update(done_dtype):
    """The whole DQN loss as PyTorch code writes it, with a detached target, a target net."""
    sol_td = load_solution("td_targets")["td_targets"]
    sol_loss = load_solution("dqn_loss")["dqn_loss"]
    torch.manual_seed(0)
    online = torch.nn.Sequential(
        torch.nn.Linear(4, 16), torch.nn.ReLU(), torch.nn.Linear(16, 2)
    ).double()
    target_net = torch.nn.Sequential(
        torch.nn.Linear(4, 16), torch.nn.ReLU(), torch.nn.Linear(16, 2)
    ).double()
    rng = np.random.default_rng(2609)
    s, s2 = t(rng.normal(size=(8, 4))), t(rng.normal(size=(8, 4)))
    actions = rng.integers(0, 2, size=8)
    rewards = rng.normal(size=8)
    dones = np.array([0, 0, 1, 0, 0, 0, 1, 0]).astype(done_dtype)
    for gamma in (0.0, 0.99, 1.0):
        with torch.no_grad():
            next_q = target_net(s2)
            y = t(rewards) + gamma * (1 - t(dones.astype(float))) * next_q.max(1).values
        q = online(s)
        q_sa = q.gather(1, t(actions).unsqueeze(1)).squeeze(1)
        want = F.mse_loss(q_sa, y)
        got_y = sol_td(rewards, next_q.numpy(), dones, gamma)
        np.testing.assert_allclose(got_y, y.numpy(), rtol=1e-12, atol=1e-12)
        assert_close(sol_loss(q.detach().numpy(), actions, got_y), want)
        # The target is a constant: the gradient reaches only the online network.
        online.zero_grad()
        want.backward()
        assert all(p.grad is None for p in target_net.parameters())
        assert online[0].weight.grad is not None


def test_bce_with_logits_matches_torch():
    bce = load_solution("p06_bce_with_logits")["bce_with_logits"]
    rng = np.random.default_rng(2610)
    cases = [
        (rng.normal(size=(5, 3)) * 4.0, rng.integers(0, 2, size=(5, 3)).astype(float)),
        (rng.normal(size=7), rng.uniform(size=7)),  # soft targets
        (np.array([1e4, -1e4, 1e4, -1e4, 40.0]), np.array([1.0, 0.0, 0.0, 1.0, 1.0])),
    ]
    for z, y in cases:
        assert_close(bce(z, y), F.binary_cross_entropy_with_logits(t(z), t(y)))


def test_double_dqn_targets_match_torch():
    ddqn = load_solution("p06_double_dqn_targets")["double_dqn_targets"]
    rng = np.random.default_rng(2611)
    r = rng.normal(size=6)
    q_online, q_target = rng.normal(size=(6, 3)), rng.normal(size=(6, 3))
    dones = np.array([0.0, 1.0, 0.0, 0.0, 0.0, 1.0])
    best = t(q_online).argmax(1, keepdim=True)
    want = t(r) + 0.9 * (1 - t(dones)) * t(q_target).gather(1, best).squeeze(1)
    np.testing.assert_allclose(ddqn(r, q_online, q_target, dones, 0.9), want.numpy(), rtol=1e-12)


@pytest.mark.parametrize("beta", [0.0, 0.01, 0.5])
def test_policy_gradient_loss_matches_torch(beta):
    pg = load_solution("p06_policy_gradient_loss")["policy_gradient_loss"]
    rng = np.random.default_rng(2612)
    for logits in (rng.normal(size=(6, 4)) * 2.0, rng.normal(size=(6, 4)) * 1e4):
        actions = rng.integers(0, 4, size=6)
        adv = rng.normal(size=6)
        z = t(logits)
        # A weighted cross-entropy: F.cross_entropy per example, times the advantage.
        per_example = F.cross_entropy(z, t(actions), reduction="none")
        entropy = torch.distributions.Categorical(logits=z).entropy()
        want = (t(adv) * per_example).mean() - beta * entropy.mean()
        got = pg(logits, actions, adv, beta)
        assert np.isfinite(got)
        assert_close(got, want, rtol=1e-9, atol=1e-9)


def test_debug_solution_matches_torch():
    fixed = load_solution("p06_debug_dqn_batch")["dqn_batch_loss"]
    rng = np.random.default_rng(2613)
    q, next_q = rng.normal(size=(8, 2)), rng.normal(size=(8, 2))
    actions = rng.integers(0, 2, size=8)
    rewards = np.ones(8)
    dones = rng.uniform(size=8) < 0.3
    y = t(rewards) + 0.99 * (1 - t(dones.astype(float))) * t(next_q).max(1).values
    q_sa = t(q).gather(1, t(actions).unsqueeze(1)).squeeze(1)
    assert_close(fixed(q, next_q, actions, rewards, dones, 0.99), F.mse_loss(q_sa, y))
