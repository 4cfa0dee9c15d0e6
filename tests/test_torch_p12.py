"""Page 12 reference solutions against PyTorch (CPU, float64): batchnorm_forward against
nn.BatchNorm1d over several training steps and then eval (running statistics step by step,
momentum and eps variants), batchnorm_backward against autograd, residual_block against a
torch expression, and the practice items' layer norm and batch-norm folding."""

from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")
nn = torch.nn

PAGE = Path(__file__).resolve().parents[1] / "exercises" / "12-batch-norm-residuals"


def _solution(exercise: str) -> dict:
    """Execute an exercise's solution.py and return its namespace."""
    path = PAGE / exercise / "solution.py"
    namespace: dict = {"__name__": f"solution_{exercise}"}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    return namespace


def _bn_module(D, gamma, beta, momentum, eps):
    bn = nn.BatchNorm1d(D, momentum=momentum, eps=eps).double()
    with torch.no_grad():
        bn.weight.copy_(torch.from_numpy(gamma))
        bn.bias.copy_(torch.from_numpy(beta))
    return bn


@pytest.mark.parametrize(
    "N,D,momentum,eps", [(8, 5, 0.1, 1e-5), (2, 3, 0.1, 1e-5), (32, 4, 0.3, 1e-3), (5, 6, 1.0, 0.1)]
)
def test_batchnorm_forward_matches_batchnorm1d_train_then_eval(N, D, momentum, eps):
    batchnorm_forward = _solution("batchnorm_forward")["batchnorm_forward"]
    rng = np.random.default_rng(N * 10 + D)
    gamma, beta = rng.uniform(0.5, 2.0, D), rng.normal(size=D)
    bn = _bn_module(D, gamma, beta, momentum, eps)
    rm, rv = np.zeros(D), np.ones(D)  # nn.BatchNorm1d's initial buffers
    bn.train()
    for step in range(6):
        x = rng.normal(1.5, 2.0 + step, size=(N, D))
        rm_before, rv_before = rm.copy(), rv.copy()
        out, rm, rv = batchnorm_forward(x, gamma, beta, rm, rv, momentum=momentum, eps=eps)
        ref = bn(torch.from_numpy(x)).detach().numpy()
        np.testing.assert_allclose(out, ref, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(rm, bn.running_mean.numpy(), rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(rv, bn.running_var.numpy(), rtol=1e-12, atol=1e-14)
        assert not np.allclose(rv, rv_before) or momentum == 0
        assert rm_before.shape == rm.shape
    bn.eval()
    for n_eval in (N, 1):
        x = rng.normal(1.5, 3.0, size=(n_eval, D))
        out, rm2, rv2 = batchnorm_forward(
            x, gamma, beta, rm, rv, momentum=momentum, eps=eps, training=False
        )
        ref = bn(torch.from_numpy(x)).detach().numpy()
        np.testing.assert_allclose(out, ref, rtol=1e-10, atol=1e-12)
        np.testing.assert_array_equal(rm2, rm)
        np.testing.assert_array_equal(rv2, rv)
        np.testing.assert_allclose(rm, bn.running_mean.numpy(), rtol=1e-12)


def test_batchnorm_forward_does_not_modify_running_stats_passed_in():
    batchnorm_forward = _solution("batchnorm_forward")["batchnorm_forward"]
    rng = np.random.default_rng(3)
    x = rng.standard_normal((4, 3))
    rm, rv = np.full(3, 0.5), np.full(3, 2.0)
    _, new_mean, new_var = batchnorm_forward(x, np.ones(3), np.zeros(3), rm, rv)
    np.testing.assert_array_equal(rm, np.full(3, 0.5))
    np.testing.assert_array_equal(rv, np.full(3, 2.0))
    assert new_mean is not rm and new_var is not rv


def test_batch_of_one_in_training_raises_like_torch():
    batchnorm_forward = _solution("batchnorm_forward")["batchnorm_forward"]
    x = np.array([[1.0, 2.0, 3.0]])
    bn = nn.BatchNorm1d(3).double().train()
    with pytest.raises(ValueError):
        bn(torch.from_numpy(x))
    with pytest.raises(ValueError):
        batchnorm_forward(x, np.ones(3), np.zeros(3), np.zeros(3), np.ones(3))


@pytest.mark.parametrize("N,D,eps", [(2, 3, 1e-5), (7, 4, 1e-5), (64, 5, 1e-3), (3, 1, 0.5)])
def test_batchnorm_backward_matches_autograd(N, D, eps):
    batchnorm_backward = _solution("batchnorm_backward")["batchnorm_backward"]
    rng = np.random.default_rng(100 + N + D)
    x, G = rng.normal(2.0, 3.0, size=(N, D)), rng.standard_normal((N, D))
    gamma, beta = rng.uniform(-2.0, 2.0, D), rng.normal(size=D)
    bn = _bn_module(D, gamma, beta, 0.1, eps).train()
    tx = torch.tensor(x, requires_grad=True)
    bn(tx).backward(torch.from_numpy(G))
    dx, dgamma, dbeta = batchnorm_backward(G, x, gamma, eps=eps)
    np.testing.assert_allclose(dx, tx.grad.numpy(), rtol=1e-9, atol=1e-11)
    np.testing.assert_allclose(dgamma, bn.weight.grad.numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(dbeta, bn.bias.grad.numpy(), rtol=1e-10, atol=1e-12)


def test_batchnorm_backward_matches_functional_batch_norm():
    """The same through torch.nn.functional.batch_norm with training=True."""
    batchnorm_backward = _solution("batchnorm_backward")["batchnorm_backward"]
    rng = np.random.default_rng(9)
    x, G, gamma = rng.standard_normal((10, 4)), rng.standard_normal((10, 4)), rng.normal(size=4)
    tx = torch.tensor(x, requires_grad=True)
    tg = torch.tensor(gamma, requires_grad=True)
    out = torch.nn.functional.batch_norm(
        tx, torch.zeros(4, dtype=torch.float64), torch.ones(4, dtype=torch.float64),
        weight=tg, bias=torch.zeros(4, dtype=torch.float64), training=True, eps=1e-5,
    )  # fmt: skip
    out.backward(torch.from_numpy(G))
    dx, dgamma, _ = batchnorm_backward(G, x, gamma)
    np.testing.assert_allclose(dx, tx.grad.numpy(), rtol=1e-9, atol=1e-11)
    np.testing.assert_allclose(dgamma, tg.grad.numpy(), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("N,D,H", [(1, 4, 4), (5, 4, 8), (16, 8, 3)])
def test_residual_block_matches_torch_expression(N, D, H):
    residual_block = _solution("residual_block")["residual_block"]
    rng = np.random.default_rng(N + D + H)
    x = rng.standard_normal((N, D))
    W1, b1 = rng.standard_normal((D, H)), rng.standard_normal(H)
    W2, b2 = rng.standard_normal((H, D)), rng.standard_normal(D)
    t = [torch.from_numpy(a) for a in (x, W1, b1, W2, b2)]
    ref = torch.relu(t[0] + torch.relu(t[0] @ t[1] + t[2]) @ t[3] + t[4])
    np.testing.assert_allclose(residual_block(x, W1, b1, W2, b2), ref.numpy(), rtol=1e-12)
    lin1, lin2 = nn.Linear(D, H).double(), nn.Linear(H, D).double()
    with torch.no_grad():
        lin1.weight.copy_(t[1].T), lin1.bias.copy_(t[2])
        lin2.weight.copy_(t[3].T), lin2.bias.copy_(t[4])
        ref2 = torch.relu(t[0] + lin2(torch.relu(lin1(t[0]))))
    np.testing.assert_allclose(residual_block(x, W1, b1, W2, b2), ref2.numpy(), rtol=1e-12)


@pytest.mark.parametrize("N,D,eps", [(1, 4, 1e-5), (6, 5, 1e-5), (4, 4, 0.1)])
def test_layer_norm_matches_nn_layernorm(N, D, eps):
    layer_norm_forward = _solution("p12_layer_norm")["layer_norm_forward"]
    rng = np.random.default_rng(N * D)
    x, gamma, beta = rng.normal(2.0, 3.0, (N, D)), rng.normal(size=D), rng.normal(size=D)
    ln = nn.LayerNorm(D, eps=eps).double()
    with torch.no_grad():
        ln.weight.copy_(torch.from_numpy(gamma))
        ln.bias.copy_(torch.from_numpy(beta))
        ref = ln(torch.from_numpy(x)).numpy()
    np.testing.assert_allclose(layer_norm_forward(x, gamma, beta, eps=eps), ref, rtol=1e-10)


def test_fold_batchnorm_matches_linear_then_batchnorm_in_eval():
    fold_batchnorm = _solution("p12_fold_batchnorm")["fold_batchnorm"]
    rng = np.random.default_rng(12)
    model = nn.Sequential(nn.Linear(4, 6), nn.BatchNorm1d(6)).double()
    model.train()
    with torch.no_grad():
        for _ in range(20):  # fill the running statistics with something non-trivial
            model(torch.from_numpy(rng.normal(1.0, 2.0, (16, 4))))
        model[1].weight.copy_(torch.from_numpy(rng.uniform(0.5, 2.0, 6)))
        model[1].bias.copy_(torch.from_numpy(rng.normal(size=6)))
    model.eval()
    lin, bn = model
    W, b = lin.weight.detach().numpy().T, lin.bias.detach().numpy()
    Wf, bf = fold_batchnorm(
        W, b, bn.weight.detach().numpy(), bn.bias.detach().numpy(),
        bn.running_mean.numpy(), bn.running_var.numpy(), eps=bn.eps,
    )  # fmt: skip
    x = rng.normal(size=(9, 4))
    with torch.no_grad():
        ref = model(torch.from_numpy(x)).numpy()
    np.testing.assert_allclose(x @ Wf + bf, ref, rtol=1e-10, atol=1e-12)
