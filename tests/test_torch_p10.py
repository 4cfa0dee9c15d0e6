"""PyTorch as the oracle for page 10: weight decay in torch.optim, dropout's gradient, AdamW."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "exercises" / "10-regularization"


def load_solution(name: str) -> dict:
    """Execute an exercise's solution.py and return its namespace."""
    path = PAGE / name / "solution.py"
    namespace: dict = {"__name__": f"solution_{name}"}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    return namespace


def mlp_params(rng, sizes=(4, 8, 3)):
    params = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        params += [rng.normal(size=(n_in, n_out)), rng.normal(size=n_out)]
    return params


def tensors(arrays):
    return [torch.tensor(a, dtype=torch.float64, requires_grad=True) for a in arrays]


@pytest.mark.parametrize("wd", [0.0, 1e-4, 0.05, 1.0])
def test_l2_gradient_is_what_sgd_weight_decay_adds(wd):
    # SGD(weight_decay=wd) adds wd * p to the gradient of every parameter in its group; with the
    # biases in a group of their own with weight_decay=0, the step equals p - lr * (g + l2 grad).
    l2_penalty = load_solution("l2_penalty")["l2_penalty"]
    rng = np.random.default_rng(1000)
    params = mlp_params(rng)
    loss_grads = [rng.normal(size=p.shape) for p in params]
    lr = 0.1
    before = [p.copy() for p in params]
    _, reg = l2_penalty(params, wd)
    assert all(np.array_equal(p, q) for p, q in zip(params, before))
    ours = [p - lr * (g + r) for p, g, r in zip(params, loss_grads, reg)]

    ts = tensors(params)
    for t, g in zip(ts, loss_grads):
        t.grad = torch.tensor(g)
    weights = [t for t in ts if t.ndim >= 2]
    biases = [t for t in ts if t.ndim < 2]
    opt = torch.optim.SGD(
        [{"params": weights, "weight_decay": wd}, {"params": biases, "weight_decay": 0.0}], lr=lr
    )
    opt.step()
    for got, want in zip(ours, ts):
        np.testing.assert_allclose(got, want.detach().numpy(), rtol=1e-12, atol=1e-14)


def test_l2_gradient_with_sgd_momentum_over_several_steps():
    # With momentum the decay term enters the momentum buffer; the same holds step after step.
    l2_penalty = load_solution("l2_penalty")["l2_penalty"]
    rng = np.random.default_rng(1001)
    params = mlp_params(rng, (3, 5, 2))
    curv = [rng.uniform(0.1, 3.0, size=p.shape) for p in params]
    wd, lr, beta = 0.01, 0.05, 0.9
    ts = tensors(params)
    opt = torch.optim.SGD(
        [
            {"params": [t for t in ts if t.ndim >= 2], "weight_decay": wd},
            {"params": [t for t in ts if t.ndim < 2], "weight_decay": 0.0},
        ],
        lr=lr,
        momentum=beta,
    )
    ours = [p.copy() for p in params]
    vel = [np.zeros_like(p) for p in params]
    for _ in range(10):
        grads = [c * p for c, p in zip(curv, ours)]  # gradient of 0.5 * sum(c * p**2)
        _, reg = l2_penalty(ours, wd)
        vel = [beta * v + g + r for v, g, r in zip(vel, grads, reg)]
        ours = [p - lr * v for p, v in zip(ours, vel)]
        opt.zero_grad()
        sum(0.5 * (torch.tensor(c) * t**2).sum() for c, t in zip(curv, ts)).backward()
        opt.step()
    for got, want in zip(ours, ts):
        np.testing.assert_allclose(got, want.detach().numpy(), rtol=1e-10, atol=1e-12)


def test_l2_penalty_value_and_autograd_gradient():
    l2_penalty = load_solution("l2_penalty")["l2_penalty"]
    rng = np.random.default_rng(1002)
    params = mlp_params(rng, (5, 4, 4, 2)) + [rng.normal(size=(2, 1, 3, 3)), rng.normal(size=2)]
    wd = 0.3
    penalty, grads = l2_penalty(params, wd)
    ts = tensors(params)
    torch_penalty = 0.5 * wd * sum((t**2).sum() for t in ts if t.ndim >= 2)
    torch_penalty.backward()
    assert type(penalty) is float
    np.testing.assert_allclose(penalty, torch_penalty.item(), rtol=1e-12)
    for g, t in zip(grads, ts):
        want = t.grad.numpy() if t.grad is not None else np.zeros(t.shape)
        np.testing.assert_allclose(g, want, rtol=1e-12, atol=0.0)


def test_sgd_weight_decay_on_one_group_also_decays_the_biases():
    # What the page warns about: handed every parameter in one group, PyTorch decays biases too.
    l2_penalty = load_solution("l2_penalty")["l2_penalty"]
    rng = np.random.default_rng(1003)
    params = mlp_params(rng, (2, 3, 1))
    ts = tensors(params)
    for t in ts:
        t.grad = torch.zeros_like(t)
    torch.optim.SGD(ts, lr=0.5, weight_decay=0.2).step()
    _, reg = l2_penalty(params, 0.2)
    ours = [p - 0.5 * r for p, r in zip(params, reg)]
    np.testing.assert_allclose(ours[0], ts[0].detach().numpy(), rtol=1e-12)  # weights: same
    np.testing.assert_allclose(ts[1].detach().numpy(), params[1] * 0.9, rtol=1e-12)  # bias decayed
    assert not np.allclose(ours[1], ts[1].detach().numpy())  # ours leaves the bias alone


@pytest.mark.parametrize("p", [0.1, 0.5, 0.8])
def test_dropout_backward_equals_autograd_through_x_times_mask(p):
    dropout_forward = load_solution("dropout_forward")["dropout_forward"]
    dropout_backward = load_solution("dropout_backward")["dropout_backward"]
    rng = np.random.default_rng(1004)
    X = rng.normal(size=(16, 10))
    dout = rng.normal(size=(16, 10))
    out, mask = dropout_forward(X, p, np.random.default_rng(7))
    np.testing.assert_array_equal(out, X * mask)
    xt = torch.tensor(X, requires_grad=True)
    (xt * torch.tensor(mask)).backward(torch.tensor(dout))
    np.testing.assert_allclose(dropout_backward(dout, mask), xt.grad.numpy(), rtol=1e-15, atol=0.0)


@pytest.mark.parametrize("p", [0.2, 0.5])
def test_dropout_forward_behaves_like_nn_dropout(p):
    # Same values (0 or 1/(1-p)), same dropped fraction in training, identity in evaluation.
    dropout_forward = load_solution("dropout_forward")["dropout_forward"]
    X = np.ones((200, 500))
    out, mask = dropout_forward(X, p, np.random.default_rng(8))
    torch.manual_seed(0)
    layer = torch.nn.Dropout(p)
    layer.train()
    t_out = layer(torch.ones(200, 500, dtype=torch.float64)).numpy()
    for values in (out, t_out):
        assert set(np.unique(values).round(12)) <= {0.0, round(1 / (1 - p), 12)}
        assert abs(np.mean(values == 0.0) - p) < 0.01
        assert abs(values.mean() - 1.0) < 0.02
    layer.eval()
    x = torch.randn(4, 6, dtype=torch.float64)
    assert torch.equal(layer(x), x)
    same, none = dropout_forward(x.numpy(), p, np.random.default_rng(9), train=False)
    assert none is None and np.array_equal(same, x.numpy())


def quadratic_grads(curv, params):
    return [c * p for c, p in zip(curv, params)]


@pytest.mark.parametrize("wd", [0.0, 0.01, 0.3])
def test_adamw_step_matches_torch_adamw(wd):
    adamw_step = load_solution("p10_adamw_step")["adamw_step"]
    rng = np.random.default_rng(1005)
    params = mlp_params(rng, (3, 4, 2))
    curv = [rng.uniform(0.1, 4.0, size=p.shape) for p in params]
    ts = tensors(params)
    opt = torch.optim.AdamW(ts, lr=0.02, betas=(0.85, 0.99), eps=1e-8, weight_decay=wd)
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    ours = [p.copy() for p in params]
    for t in range(1, 31):
        ours, m, v = adamw_step(
            ours, quadratic_grads(curv, ours), m, v, t, lr=0.02, beta1=0.85, beta2=0.99,
            eps=1e-8, weight_decay=wd,
        )  # fmt: skip
        opt.zero_grad()
        sum(0.5 * (torch.tensor(c) * x**2).sum() for c, x in zip(curv, ts)).backward()
        opt.step()
        for got, want in zip(ours, ts):
            np.testing.assert_allclose(got, want.detach().numpy(), rtol=1e-10, atol=1e-12)


def test_adam_weight_decay_is_an_l2_term_in_the_gradient():
    # torch.optim.Adam(weight_decay=wd) equals Adam (AdamW with no decay) on grads + wd * p.
    adamw_step = load_solution("p10_adamw_step")["adamw_step"]
    rng = np.random.default_rng(1006)
    params = mlp_params(rng, (3, 4, 2))
    curv = [rng.uniform(0.1, 4.0, size=p.shape) for p in params]
    wd = 0.1
    ts = tensors(params)
    opt = torch.optim.Adam(ts, lr=0.01, weight_decay=wd)
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    ours = [p.copy() for p in params]
    for t in range(1, 21):
        grads = [g + wd * p for g, p in zip(quadratic_grads(curv, ours), ours)]
        ours, m, v = adamw_step(ours, grads, m, v, t, lr=0.01, weight_decay=0.0)
        opt.zero_grad()
        sum(0.5 * (torch.tensor(c) * x**2).sum() for c, x in zip(curv, ts)).backward()
        opt.step()
    for got, want in zip(ours, ts):
        np.testing.assert_allclose(got, want.detach().numpy(), rtol=1e-10, atol=1e-12)
