"""Checkpoint C reference solutions against PyTorch (CPU, float64).

C.1's loss and gradients against `nn.Sequential(Linear, Tanh, Linear)`, `F.cross_entropy`
and autograd; C.2's training loop against `torch.optim.Adam` on exactly the same batches,
for C.1's network and for a linear model; and the quiz's numeric answers recomputed with
torch.
"""

import math
from pathlib import Path

import numpy as np
import pytest
import yaml

from tests.torch_support import linear, load_solution, sequential

torch = pytest.importorskip("torch")
F = torch.nn.functional

CHECKPOINT = Path(__file__).resolve().parents[1] / "exercises" / "checkpoint-c"


def _solution(exercise: str) -> dict:
    return load_solution(CHECKPOINT, exercise)


_linear = linear


def _tanh_net(params):
    """Linear layers with tanh between them and linear logits."""
    return sequential(params, torch.nn.Tanh)


def _linears(net) -> list:
    return [m for m in net if isinstance(m, torch.nn.Linear)]


def _course_params(net) -> list:
    """The course's [(W, b), ...] read back from the torch layers."""
    return [
        (m.weight.detach().numpy().T.copy(), m.bias.detach().numpy().copy()) for m in _linears(net)
    ]


def _problem(seed, n, d=5, h=7, k=3, w2_scale=1.0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    y = rng.integers(0, k, size=n)
    params = [
        (rng.normal(size=(d, h)) / np.sqrt(d), rng.normal(size=h) * 0.5),
        (rng.normal(size=(h, k)) * w2_scale, rng.normal(size=k) * 0.5),
    ]
    return X, y, params


# ------------------------------------------------------------------ C.1 against autograd


@pytest.mark.parametrize("seed, n", [(0, 1), (1, 16), (2, 128)])
def test_loss_and_grads_match_autograd(seed, n):
    loss_and_grads = _solution("cpc_tanh_net_backprop")["loss_and_grads"]
    X, y, params = _problem(seed, n)
    net = _tanh_net(params)
    loss_t = F.cross_entropy(net(torch.from_numpy(X)), torch.from_numpy(y))
    loss_t.backward()
    loss, grads = loss_and_grads(X, y, params)
    assert type(loss) is float
    assert loss == pytest.approx(loss_t.item(), rel=1e-12)
    for (dW, db), layer in zip(grads, _linears(net)):
        assert dW.shape == layer.weight.shape[::-1] and db.shape == layer.bias.shape
        np.testing.assert_allclose(dW, layer.weight.grad.numpy().T, rtol=1e-10, atol=1e-13)
        np.testing.assert_allclose(db, layer.bias.grad.numpy(), rtol=1e-10, atol=1e-13)


def test_loss_and_grads_match_autograd_for_logits_of_1e4():
    loss_and_grads = _solution("cpc_tanh_net_backprop")["loss_and_grads"]
    X, y, params = _problem(3, 10, w2_scale=3000.0)
    net = _tanh_net(params)
    logits = net(torch.from_numpy(X))
    assert logits.abs().max().item() > 1e3  # the test really reaches huge logits
    loss_t = F.cross_entropy(logits, torch.from_numpy(y))
    loss_t.backward()
    loss, grads = loss_and_grads(X, y, params)
    assert math.isfinite(loss) and loss == pytest.approx(loss_t.item(), rel=1e-12)
    for (dW, db), layer in zip(grads, _linears(net)):
        assert np.all(np.isfinite(dW)) and np.all(np.isfinite(db))
        np.testing.assert_allclose(dW, layer.weight.grad.numpy().T, rtol=1e-9, atol=1e-9)
        np.testing.assert_allclose(db, layer.bias.grad.numpy(), rtol=1e-9, atol=1e-9)


def test_prompt_example_matches_autograd():
    """The hand-worked example of C.1's prompt, recomputed by autograd."""
    loss_and_grads = _solution("cpc_tanh_net_backprop")["loss_and_grads"]
    X = np.array([[1.0, 2.0], [3.0, -1.0]])
    y = np.array([0, 1])
    params = [(np.zeros((2, 2)), np.zeros(2)), (np.array([[1.0, -1.0], [2.0, 0.0]]), np.zeros(2))]
    net = _tanh_net(params)
    F.cross_entropy(net(torch.from_numpy(X)), torch.from_numpy(y)).backward()
    np.testing.assert_allclose(net[0].weight.grad.numpy().T, [[1.0, 1.0], [-1.5, -1.5]])
    loss, grads = loss_and_grads(X, y, params)
    assert loss == pytest.approx(math.log(2))
    np.testing.assert_allclose(grads[0][0], [[1.0, 1.0], [-1.5, -1.5]])


# ------------------------------------------------------------ C.2 against torch.optim.Adam


def _torch_adam_run(X, y, params, epochs, batch_size, lr, seed):
    """torch.optim.Adam (default betas and eps) on the batches of C.2's recipe."""
    net = _tanh_net(params)
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    X_t, y_t = torch.from_numpy(X), torch.from_numpy(y)
    rng = np.random.default_rng(seed)
    losses = []
    for _ in range(epochs):
        order = rng.permutation(len(X))
        for start in range(0, len(X), batch_size):
            idx = torch.from_numpy(order[start : start + batch_size])
            loss = F.cross_entropy(net(X_t[idx]), y_t[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.item())
    return _course_params(net), losses


@pytest.mark.parametrize(
    "n, batch_size, epochs, lr, seed",
    [(50, 16, 3, 0.01, 0), (40, 40, 5, 0.05, 1), (33, 1, 1, 0.003, 2)],
)
def test_train_adam_matches_torch_optim_adam(n, batch_size, epochs, lr, seed):
    train_adam = _solution("cpc_adam_training_loop")["train_adam"]
    loss_and_grads = _solution("cpc_tanh_net_backprop")["loss_and_grads"]
    X, y, params = _problem(10 + seed, n)
    want_params, want_losses = _torch_adam_run(X, y, params, epochs, batch_size, lr, seed)
    got_params, got_losses = train_adam(
        X, y, params, loss_and_grads, epochs, batch_size, lr=lr, seed=seed
    )
    assert len(got_losses) == epochs * math.ceil(n / batch_size)
    np.testing.assert_allclose(got_losses, want_losses, rtol=1e-10, atol=1e-12)
    for (W, b), (tW, tb) in zip(got_params, want_params):
        np.testing.assert_allclose(W, tW, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(b, tb, rtol=1e-9, atol=1e-12)


def test_train_adam_matches_torch_for_a_linear_model_and_leaves_params_alone():
    """Any model: softmax regression, one nn.Linear; the given arrays are not modified."""
    train_adam = _solution("cpc_adam_training_loop")["train_adam"]
    rng = np.random.default_rng(20)
    X, y = rng.normal(size=(30, 4)), rng.integers(0, 3, size=30)
    params = [(rng.normal(size=(4, 3)), rng.normal(size=3))]
    before = [(W.copy(), b.copy()) for W, b in params]

    def softmax_regression(Xb, yb, params):
        (W, b), = params  # fmt: skip
        W_t = torch.from_numpy(W.copy()).requires_grad_()
        b_t = torch.from_numpy(b.copy()).requires_grad_()
        loss = F.cross_entropy(torch.from_numpy(Xb) @ W_t + b_t, torch.from_numpy(yb))
        loss.backward()
        return loss.item(), [(W_t.grad.numpy(), b_t.grad.numpy())]

    got, losses = train_adam(X, y, params, softmax_regression, 4, 8, lr=0.02, seed=3)
    want, want_losses = _torch_adam_run(X, y, params, 4, 8, 0.02, 3)
    np.testing.assert_allclose(losses, want_losses, rtol=1e-10)
    np.testing.assert_allclose(got[0][0], want[0][0], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(got[0][1], want[0][1], rtol=1e-9, atol=1e-12)
    for (W, b), (W0, b0) in zip(params, before):
        assert np.array_equal(W, W0) and np.array_equal(b, b0)


def test_first_adam_step_is_lr_in_size_for_every_parameter():
    """torch.optim.Adam and C.2 agree: step 1 moves each parameter by lr * g / (|g| + eps)."""
    train_adam = _solution("cpc_adam_training_loop")["train_adam"]
    loss_and_grads = _solution("cpc_tanh_net_backprop")["loss_and_grads"]
    X, y, params = _problem(30, 12)
    got, _ = train_adam(X, y, params, loss_and_grads, 1, 12, lr=1e-3, seed=0)
    want, _ = _torch_adam_run(X, y, params, 1, 12, 1e-3, 0)
    _, grads = loss_and_grads(X, y, params)
    for layer, t_layer, g_layer, p_layer in zip(got, want, grads, params):
        for p_new, t_new, g, p in zip(layer, t_layer, g_layer, p_layer):
            np.testing.assert_allclose(p_new, p - 1e-3 * g / (np.abs(g) + 1e-8), rtol=1e-12)
            np.testing.assert_allclose(p_new, t_new, rtol=1e-12, atol=1e-15)


# --------------------------------------------------------------- the quiz, recomputed


def _quiz_answer(question_id: str):
    spec = yaml.safe_load((CHECKPOINT / "cpc_quiz" / "spec.yaml").read_text(encoding="utf-8"))
    return next(q for q in spec["questions"] if q["id"] == question_id)["answer"]


def test_quiz_gradient_by_hand_is_what_autograd_gets():
    w = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
    h = torch.tanh(w * 2.0)
    z = torch.stack([1.0 * h, -1.0 * h]).unsqueeze(0)
    F.cross_entropy(z, torch.tensor([0])).backward()
    assert w.grad.item() == pytest.approx(_quiz_answer("gradient_by_hand"))


def test_quiz_gradient_size_is_the_parameter_count_of_the_torch_network():
    net = _tanh_net([(np.zeros((4, 64)), np.zeros(64)), (np.zeros((64, 2)), np.zeros(2))])
    assert sum(p.numel() for p in net.parameters()) == _quiz_answer("gradient_size")


def test_quiz_adam_numbers_agree_with_torch():
    # Steps: a DataLoader over 1000 samples in batches of 64 has 16 batches per epoch.
    loader = torch.utils.data.DataLoader(torch.zeros(1000, 1), batch_size=64)
    assert 5 * len(loader) == _quiz_answer("adam_steps")
    # The first moment after step 1 is 0.1 g; bias correction multiplies it back to g.
    assert 1 / (1 - 0.9) == pytest.approx(_quiz_answer("bias_factor"))
    # Without bias correction the first step would be lr * 0.1 g / sqrt(0.001 g^2).
    p = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.Adam([p], lr=1e-3, eps=0.0)
    p.grad = torch.tensor([-250.0], dtype=torch.float64)
    opt.step()
    corrected = abs(p.item())
    uncorrected = 1e-3 * 0.1 * 250.0 / math.sqrt(0.001 * 250.0**2)
    assert corrected == pytest.approx(1e-3, rel=1e-12)
    assert uncorrected / corrected == pytest.approx(_quiz_answer("uncorrected_ratio"), rel=1e-9)


def test_quiz_first_loss_is_a_sum_of_32_times_ln_3():
    loss = F.cross_entropy(torch.zeros(32, 3), torch.zeros(32, dtype=torch.long), reduction="sum")
    assert loss.item() == pytest.approx(35.16, abs=0.005)


def test_quiz_relative_error_of_a_gradient_n_times_too_large():
    g = torch.randn(5, 5, dtype=torch.float64, generator=torch.Generator().manual_seed(0))
    rel = ((32 * g - g).abs() / ((32 * g).abs() + g.abs())).max().item()
    assert rel == pytest.approx(31 / 33) and round(rel, 2) == 0.94
