"""Checkpoint B reference solutions against PyTorch (CPU, float64).

The two-headed actor-critic network against `nn.Sequential` torsos with `nn.Linear` heads,
`F.mse_loss` and `F.cross_entropy`; the DQN batch loss against a `gather` of the online
network's Q-values, a target computed under `torch.no_grad()`, and `F.mse_loss` /
`F.huber_loss`.
"""

from pathlib import Path

import numpy as np
import pytest

from tests.torch_support import linear, load_solution, sequential

torch = pytest.importorskip("torch")
F = torch.nn.functional

CHECKPOINT = Path(__file__).resolve().parents[1] / "exercises" / "checkpoint-b"


def _solution(exercise: str) -> dict:
    return load_solution(CHECKPOINT, exercise)


_linear = linear


def _mlp(params):
    """Linear layers with ReLU between them and a linear output."""
    return sequential(params, torch.nn.ReLU)


def _actor_critic_problem(seed, n, d=6, h1=32, h2=16, k=4, logit_scale=1.0):
    rng = np.random.default_rng(seed)
    params = [
        (rng.normal(size=(d, h1)) * np.sqrt(2 / d), rng.normal(size=h1) * 0.1),
        (rng.normal(size=(h1, h2)) * np.sqrt(2 / h1), rng.normal(size=h2) * 0.1),
        (rng.normal(size=(h2, 1)), rng.normal(size=1)),
        (rng.normal(size=(h2, k)) * logit_scale, rng.normal(size=k)),
    ]
    X = rng.normal(size=(n, d))
    returns = rng.normal(size=n) * 5
    actions = rng.integers(0, k, size=n)
    return X, params, returns, actions


@pytest.mark.parametrize("seed, n", [(0, 1), (1, 16), (2, 64)])
def test_actor_critic_matches_sequential_torso_and_linear_heads(seed, n):
    ns = _solution("cpb_forward_and_losses")
    X, params, returns, actions = _actor_critic_problem(seed, n)
    (W1, b1), (W2, b2) = params[:2]
    torso = torch.nn.Sequential(_linear(W1, b1), torch.nn.ReLU(), _linear(W2, b2), torch.nn.ReLU())
    value_head, policy_head = _linear(*params[2]), _linear(*params[3])
    with torch.no_grad():
        h = torso(torch.from_numpy(X))
        v_t = value_head(h).squeeze(1)
        logits_t = policy_head(h)
    values, logits = ns["actor_critic_forward"](X, params)
    assert values.shape == (n,) and logits.shape == (n, 4)
    np.testing.assert_allclose(values, v_t.numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(logits, logits_t.numpy(), rtol=1e-10, atol=1e-12)

    value_loss, policy_loss = ns["actor_critic_losses"](X, params, returns, actions)
    want_v = F.mse_loss(v_t, torch.from_numpy(returns)).item()
    want_p = F.cross_entropy(logits_t, torch.from_numpy(actions)).item()
    assert type(value_loss) is float and type(policy_loss) is float
    assert value_loss == pytest.approx(want_v, rel=1e-10)
    assert policy_loss == pytest.approx(want_p, rel=1e-10)


def test_actor_critic_cross_entropy_matches_torch_for_logits_of_1e4():
    ns = _solution("cpb_forward_and_losses")
    X, params, returns, actions = _actor_critic_problem(3, 12, logit_scale=3000.0)
    _, logits = ns["actor_critic_forward"](X, params)
    assert np.abs(logits).max() > 1e3  # the test really reaches huge logits
    _, policy_loss = ns["actor_critic_losses"](X, params, returns, actions)
    want = F.cross_entropy(torch.from_numpy(logits), torch.from_numpy(actions)).item()
    assert np.isfinite(policy_loss)
    assert policy_loss == pytest.approx(want, rel=1e-12)


def test_uniform_policy_head_costs_ln_k():
    """Zero policy weights: every action equally likely, cross-entropy ln K (quiz question)."""
    ns = _solution("cpb_forward_and_losses")
    X, params, returns, actions = _actor_critic_problem(4, 10, k=4)
    params[3] = (np.zeros_like(params[3][0]), np.zeros(4))
    _, policy_loss = ns["actor_critic_losses"](X, params, returns, actions)
    want = F.cross_entropy(torch.zeros(10, 4, dtype=torch.float64), torch.from_numpy(actions))
    assert policy_loss == pytest.approx(want.item(), rel=1e-12)
    assert policy_loss == pytest.approx(np.log(4), rel=1e-12)


def _dqn_problem(seed, n, sizes=(4, 32, 32, 3)):
    rng = np.random.default_rng(seed)

    def net():
        return [
            (rng.normal(size=(i, o)) * np.sqrt(2 / i), rng.normal(size=o) * 0.5)
            for i, o in zip(sizes[:-1], sizes[1:])
        ]

    params, target_params = net(), net()
    batch = {
        "states": rng.normal(size=(n, sizes[0])),
        "actions": rng.integers(0, sizes[-1], size=n),
        "rewards": rng.normal(size=n) * 2,
        "next_states": rng.normal(size=(n, sizes[0])),
        "dones": (rng.random(n) < 0.3).astype(np.float64),
    }
    return params, target_params, batch


def _torch_dqn(params, target_params, batch, gamma, huber_delta=None):
    """The usual PyTorch DQN loss: gather, a no-grad target, F.mse_loss or F.huber_loss."""
    online, target = _mlp(params), _mlp(target_params)
    q = online(torch.from_numpy(batch["states"]))
    q_taken = q.gather(1, torch.from_numpy(batch["actions"]).unsqueeze(1)).squeeze(1)
    with torch.no_grad():
        best_next = target(torch.from_numpy(batch["next_states"])).max(dim=1).values
        y = (
            torch.from_numpy(batch["rewards"])
            + gamma * (1 - torch.from_numpy(batch["dones"])) * best_next
        )
    if huber_delta is None:
        loss = F.mse_loss(q_taken, y)
    else:
        loss = F.huber_loss(q_taken, y, delta=huber_delta)
    return loss, (q_taken - y).detach().numpy(), online


@pytest.mark.parametrize("huber_delta", [None, 1.0, 0.3])
@pytest.mark.parametrize("seed, n", [(10, 1), (11, 32), (12, 128)])
def test_dqn_batch_loss_matches_torch(seed, n, huber_delta):
    ns = _solution("cpb_dqn_batch_loss")
    params, target_params, batch = _dqn_problem(seed, n)
    want, want_td, _ = _torch_dqn(params, target_params, batch, 0.99, huber_delta)
    loss, td = ns["dqn_batch_loss"](params, target_params, batch, 0.99, huber_delta=huber_delta)
    assert type(loss) is float
    assert loss == pytest.approx(want.item(), rel=1e-10)
    np.testing.assert_allclose(td, want_td, rtol=1e-10, atol=1e-12)


def test_huber_cases_really_cover_both_branches():
    params, target_params, batch = _dqn_problem(12, 128)
    _, td, _ = _torch_dqn(params, target_params, batch, 0.99)
    assert np.any(np.abs(td) < 0.3) and np.any(np.abs(td) > 1.0)


def test_q_network_matches_sequential():
    ns = _solution("cpb_dqn_batch_loss")
    for sizes in ([5, 3], [5, 16, 2], [5, 16, 16, 16, 4]):
        params, _, batch = _dqn_problem(21, 9, sizes=tuple(sizes))
        with torch.no_grad():
            want = _mlp(params)(torch.from_numpy(batch["states"])).numpy()
        got = ns["q_network"](batch["states"], params)
        np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-12)


def test_target_gets_no_gradient():
    """The semi-gradient: only the online network's parameters receive gradient."""
    params, target_params, batch = _dqn_problem(30, 16)
    batch["actions"] = batch["actions"] % 2  # action 2 is never taken in this batch
    loss, _, online = _torch_dqn(params, target_params, batch, 0.99)
    loss.backward()
    grads = [p.grad for p in online.parameters()]
    assert all(g is not None for g in grads)
    assert any(float(g.abs().sum()) > 0 for g in grads)
    # Only the actions taken get an error: the output bias of an action no sample took
    # receives no gradient at all.
    out_bias_grad = list(online.parameters())[-1].grad.numpy()
    assert out_bias_grad[2] == 0.0
    # With the target constant, dL/db[a] = sum of 2 * td_i / N over the samples that took a,
    # computed here from the NumPy reference's TD errors.
    _, td = _solution("cpb_dqn_batch_loss")["dqn_batch_loss"](params, target_params, batch, 0.99)
    n = len(td)
    want = [sum(2 * td[i] / n for i in range(n) if batch["actions"][i] == a) for a in range(3)]
    np.testing.assert_allclose(out_bias_grad, want, rtol=1e-10, atol=1e-12)
