"""Page 7 reference solutions against PyTorch autograd (CPU, float64): the dense layer's and the
ReLU's backward passes, the cross-entropy gradient, the whole MLP's backward pass, the numerical
gradient against torch.autograd.gradcheck's central differences, and the DQN semi-gradient."""

from pathlib import Path

import numpy as np
import pytest

from tests.torch_support import he_params, load_solution

torch = pytest.importorskip("torch")
F = torch.nn.functional

PAGE = Path(__file__).resolve().parents[1] / "exercises" / "07-backpropagation"


def _solution(exercise: str) -> dict:
    return load_solution(PAGE, exercise)


_params = he_params


def _leaf(a):
    return torch.tensor(a, dtype=torch.float64, requires_grad=True)


@pytest.mark.parametrize("n,d,m", [(1, 4, 64), (32, 4, 64), (8, 64, 64), (7, 64, 2), (3, 5, 1)])
def test_dense_backward_matches_autograd(n, d, m):
    dense_backward = _solution("dense_backward")["dense_backward"]
    rng = np.random.default_rng(100 * n + d + m)
    X, W, b, G = (
        rng.standard_normal((n, d)),
        rng.standard_normal((d, m)),
        rng.standard_normal(m),
        rng.standard_normal((n, m)),
    )
    tX, tW, tb = _leaf(X), _leaf(W), _leaf(b)
    (tX @ tW + tb).backward(torch.from_numpy(G))  # dout = G
    dX, dW, db = dense_backward(G, X, W)
    assert dX.shape == X.shape and dW.shape == W.shape and db.shape == b.shape
    np.testing.assert_allclose(dX, tX.grad.numpy(), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(dW, tW.grad.numpy(), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(db, tb.grad.numpy(), rtol=1e-12, atol=1e-12)


def test_dense_backward_matches_nn_linear_transposed():
    """nn.Linear stores weight as (n_out, n_in): its weight.grad is our dW transposed."""
    dense_backward = _solution("dense_backward")["dense_backward"]
    rng = np.random.default_rng(7)
    X, W, b, G = (
        rng.standard_normal((6, 3)),
        rng.standard_normal((3, 5)),
        rng.standard_normal(5),
        rng.standard_normal((6, 5)),
    )
    lin = torch.nn.Linear(3, 5).double()
    with torch.no_grad():
        lin.weight.copy_(torch.from_numpy(W.T.copy()))
        lin.bias.copy_(torch.from_numpy(b))
    lin(torch.from_numpy(X)).backward(torch.from_numpy(G))
    _, dW, db = dense_backward(G, X, W)
    np.testing.assert_allclose(dW.T, lin.weight.grad.numpy(), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(db, lin.bias.grad.numpy(), rtol=1e-12, atol=1e-12)


def test_relu_backward_matches_autograd_including_zero():
    relu_backward = _solution("relu_backward")["relu_backward"]
    rng = np.random.default_rng(8)
    Z = rng.standard_normal((5, 7))
    Z[0, :3] = 0.0  # torch's relu has derivative 0 at 0, as the course's convention
    G = rng.standard_normal((5, 7))
    tZ = _leaf(Z)
    torch.relu(tZ).backward(torch.from_numpy(G))
    np.testing.assert_array_equal(relu_backward(G, Z), tZ.grad.numpy())


@pytest.mark.parametrize("n,k,scale", [(1, 3, 1.0), (16, 10, 3.0), (5, 2, 1e4), (64, 4, 0.1)])
def test_softmax_ce_grad_matches_autograd_of_cross_entropy(n, k, scale):
    softmax_ce_grad = _solution("softmax_ce_grad")["softmax_ce_grad"]
    rng = np.random.default_rng(n * k)
    logits = rng.standard_normal((n, k)) * scale
    labels = rng.integers(0, k, size=n)
    tz = _leaf(logits)
    F.cross_entropy(tz, torch.from_numpy(labels)).backward()  # reduction="mean"
    got = softmax_ce_grad(logits, labels)
    assert np.all(np.isfinite(got))
    np.testing.assert_allclose(got, tz.grad.numpy(), rtol=1e-10, atol=1e-14)


@pytest.mark.parametrize(
    "sizes", [[4, 64, 64, 2], [2, 3], [8, 16, 16, 16, 4], [3, 5, 5, 5, 5, 5, 2]]
)
@pytest.mark.parametrize("batch", [1, 32])
def test_mlp_backward_matches_autograd(sizes, batch):
    ns = _solution("mlp_backward")
    mlp_forward, mlp_backward = ns["mlp_forward"], ns["mlp_backward"]
    params = _params(sizes, seed=len(sizes) * 10 + batch)
    rng = np.random.default_rng(batch)
    X = rng.standard_normal((batch, sizes[0]))
    G = rng.standard_normal((batch, sizes[-1]))
    leaves = [(_leaf(W), _leaf(b)) for W, b in params]
    A = torch.from_numpy(X)
    for i, (W, b) in enumerate(leaves):
        A = A @ W + b
        if i < len(leaves) - 1:
            A = torch.relu(A)
    A.backward(torch.from_numpy(G))
    out, cache = mlp_forward(X, params)
    np.testing.assert_allclose(out, A.detach().numpy(), rtol=1e-12, atol=1e-12)
    grads = mlp_backward(G, cache, params)
    assert len(grads) == len(params)
    for (dW, db), (W, b) in zip(grads, leaves):
        np.testing.assert_allclose(dW, W.grad.numpy(), rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(db, b.grad.numpy(), rtol=1e-10, atol=1e-12)


def test_mlp_backward_with_cross_entropy_matches_nn_sequential():
    """A classifier built from nn.Sequential: loss.backward() against softmax_ce_grad + mlp_backward."""
    ns = _solution("mlp_backward")
    softmax_ce_grad = _solution("softmax_ce_grad")["softmax_ce_grad"]
    params = _params([4, 32, 32, 3], seed=11)
    rng = np.random.default_rng(12)
    X, labels = rng.standard_normal((20, 4)), rng.integers(0, 3, size=20)
    layers = []
    for i, (W, b) in enumerate(params):
        lin = torch.nn.Linear(*W.shape).double()
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(W.T.copy()))
            lin.bias.copy_(torch.from_numpy(b))
        layers += [lin] + ([torch.nn.ReLU()] if i < len(params) - 1 else [])
    model = torch.nn.Sequential(*layers)
    F.cross_entropy(model(torch.from_numpy(X)), torch.from_numpy(labels)).backward()
    out, cache = ns["mlp_forward"](X, params)
    grads = ns["mlp_backward"](softmax_ce_grad(out, labels), cache, params)
    linears = [m for m in model if isinstance(m, torch.nn.Linear)]
    for (dW, db), lin in zip(grads, linears):
        np.testing.assert_allclose(dW.T, lin.weight.grad.numpy(), rtol=1e-10, atol=1e-13)
        np.testing.assert_allclose(db, lin.bias.grad.numpy(), rtol=1e-10, atol=1e-13)


def test_numerical_gradient_agrees_with_autograd_and_restores_x():
    ns = _solution("numerical_gradient")
    numerical_gradient = ns["numerical_gradient"]
    relative_error = _solution("relative_error")["relative_error"]
    rng = np.random.default_rng(13)
    x = rng.standard_normal((4, 3))
    original = x.copy()

    def f(v):
        return float(np.sum(np.tanh(v) * v**2) + np.sum(v[0] * v[1]))

    tx = _leaf(x)
    (torch.sum(torch.tanh(tx) * tx**2) + torch.sum(tx[0] * tx[1])).backward()
    numeric = numerical_gradient(f, x)
    np.testing.assert_array_equal(x, original)
    assert relative_error(numeric, tx.grad.numpy()) < 1e-7
    # gradcheck itself agrees that autograd's gradient is right for this function
    assert torch.autograd.gradcheck(
        lambda t: torch.sum(torch.tanh(t) * t**2) + torch.sum(t[0] * t[1]), (_leaf(x),)
    )


def test_dqn_semi_gradient_equals_detached_autograd():
    """p07_dqn_loss_grad + mlp_backward == autograd with the target detached."""
    ns = _solution("mlp_backward")
    dqn_loss_grad = _solution("p07_dqn_loss_grad")["dqn_loss_grad"]
    params = _params([4, 16, 16, 2], seed=14)
    rng = np.random.default_rng(15)
    s, s2 = rng.standard_normal((8, 4)), rng.standard_normal((8, 4))
    a, r = rng.integers(0, 2, size=8), rng.standard_normal(8)
    leaves = [(_leaf(W), _leaf(b)) for W, b in params]

    def q(x):
        A = torch.from_numpy(x)
        for i, (W, b) in enumerate(leaves):
            A = A @ W + b
            if i < len(leaves) - 1:
                A = torch.relu(A)
        return A

    y = torch.from_numpy(r) + 0.9 * q(s2).max(dim=1).values.detach()
    ((q(s)[torch.arange(8), torch.from_numpy(a)] - y) ** 2).mean().backward()
    out, cache = ns["mlp_forward"](s, params)
    grads = ns["mlp_backward"](dqn_loss_grad(out, a, y.numpy()), cache, params)
    for (dW, db), (W, b) in zip(grads, leaves):
        np.testing.assert_allclose(dW, W.grad.numpy(), rtol=1e-10, atol=1e-13)
        np.testing.assert_allclose(db, b.grad.numpy(), rtol=1e-10, atol=1e-13)
