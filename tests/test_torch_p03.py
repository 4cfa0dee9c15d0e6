"""PyTorch as the oracle for page 3 and checkpoint A: reference solutions vs torch (CPU)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "exercises" / "03-activation-functions"
CHECKPOINT = ROOT / "exercises" / "checkpoint-a"


def load_solution(folder: Path) -> dict:
    """Execute an exercise's solution.py and return its namespace."""
    namespace: dict = {"__name__": f"solution_{folder.name}"}
    source = (folder / "solution.py").read_text(encoding="utf-8")
    exec(compile(source, str(folder / "solution.py"), "exec"), namespace)
    return namespace


def inputs() -> list[np.ndarray]:
    rng = np.random.default_rng(2026)
    return [
        np.array([-1e4, -800.0, -3.0, -1e-9, 0.0, 1e-9, 2.0, 800.0, 1e4]),
        rng.normal(size=(4, 5)) * 3.0,
        rng.normal(size=(2, 3, 4)),
    ]


def torch_value_and_grad(fn, x: np.ndarray):
    """Elementwise torch function: its value and d(sum f(x))/dx via autograd."""
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    y = fn(t)
    y.sum().backward()
    return y.detach().numpy(), t.grad.numpy()


ELEMENTWISE = [
    ("relu", "relu", "relu_grad", torch.relu, {}),
    ("sigmoid", "sigmoid", "sigmoid_grad", torch.sigmoid, {}),
    ("tanh", "tanh", "tanh_grad", torch.tanh, {}),
    (
        "p03_leaky_relu",
        "leaky_relu",
        "leaky_relu_grad",
        lambda t: torch.nn.functional.leaky_relu(t, negative_slope=0.2),
        {"alpha": 0.2},
    ),
    (
        "p03_gelu",
        "gelu",
        "gelu_grad",
        lambda t: torch.nn.functional.gelu(t, approximate="tanh"),
        {},
    ),
]


@pytest.mark.parametrize(
    "folder,fwd,grad,torch_fn,kwargs", ELEMENTWISE, ids=[e[0] for e in ELEMENTWISE]
)
def test_elementwise_activation_and_grad_match_torch(folder, fwd, grad, torch_fn, kwargs):
    ns = load_solution(PAGE / folder)
    for x in inputs():
        want_y, want_g = torch_value_and_grad(torch_fn, x)
        np.testing.assert_allclose(ns[fwd](x.copy(), **kwargs), want_y, rtol=1e-6, atol=1e-8)
        np.testing.assert_allclose(ns[grad](x.copy(), **kwargs), want_g, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize(
    "shape,axis", [((5,), -1), ((4, 6), -1), ((4, 6), 0), ((2, 3, 4), 1), ((2, 3, 4), -2)]
)
def test_softmax_and_log_softmax_match_torch(shape, axis):
    softmax = load_solution(PAGE / "softmax")["softmax"]
    lsm = load_solution(PAGE / "p03_log_softmax")
    rng = np.random.default_rng(7)
    for scale in (1.0, 1e4):
        x = rng.normal(size=shape) * scale
        t = torch.tensor(x, dtype=torch.float64)
        np.testing.assert_allclose(
            softmax(x, axis=axis), torch.softmax(t, dim=axis).numpy(), rtol=1e-6, atol=1e-12
        )
        np.testing.assert_allclose(
            lsm["log_softmax"](x, axis=axis),
            torch.log_softmax(t, dim=axis).numpy(),
            rtol=1e-6,
            atol=1e-8,
        )
        np.testing.assert_allclose(
            lsm["logsumexp"](x, axis=axis),
            torch.logsumexp(t, dim=axis).numpy(),
            rtol=1e-6,
            atol=1e-8,
        )


def test_debug_policy_solution_matches_torch_with_temperature():
    policy_probs = load_solution(PAGE / "p03_debug_policy")["policy_probs"]
    x = np.array([[1e4, 1e4 - 1.0, 0.0], [-1e4, -1e4 + 2.0, -1e4], [0.3, -0.2, 0.1]])
    for temperature in (0.5, 1.0, 3.0):
        want = torch.softmax(torch.tensor(x) / temperature, dim=-1).numpy()
        np.testing.assert_allclose(
            policy_probs(x, temperature=temperature), want, rtol=1e-6, atol=1e-12
        )


@pytest.mark.parametrize("activation", ["relu", "sigmoid", "tanh", "softmax", "linear"])
def test_neuron_forward_matches_torch_linear(activation):
    neuron_forward = load_solution(CHECKPOINT / "cpa_neuron_forward")["neuron_forward"]
    torch.manual_seed(0)
    layer = torch.nn.Linear(3, 4).double()
    head = {
        "relu": torch.relu,
        "sigmoid": torch.sigmoid,
        "tanh": torch.tanh,
        "softmax": lambda t: torch.softmax(t, dim=-1),
        "linear": lambda t: t,
    }[activation]
    X = np.random.default_rng(3).normal(size=(5, 3))
    with torch.no_grad():
        want = head(layer(torch.tensor(X))).numpy()
    # torch stores weight as (out, in); the course stores W as (in, out).
    W = layer.weight.detach().numpy().T.copy()
    b = layer.bias.detach().numpy().copy()
    np.testing.assert_allclose(neuron_forward(X, W, b, activation), want, rtol=1e-6, atol=1e-10)


@pytest.mark.parametrize(
    "activation,torch_fn",
    [
        ("relu", torch.relu),
        ("sigmoid", torch.sigmoid),
        ("tanh", torch.tanh),
        ("linear", lambda t: t * 1.0),
    ],
)
def test_activation_grad_matches_autograd(activation, torch_fn):
    activation_grad = load_solution(CHECKPOINT / "cpa_activation_grads")["activation_grad"]
    for x in inputs():
        _, want = torch_value_and_grad(torch_fn, x)
        np.testing.assert_allclose(activation_grad(x, activation), want, rtol=1e-6, atol=1e-8)


def test_softmax_jacobian_matches_autograd():
    softmax_jacobian = load_solution(CHECKPOINT / "cpa_activation_grads")["softmax_jacobian"]
    rng = np.random.default_rng(11)
    for x in (rng.normal(size=6), np.array([1e4, 1e4 - 1.0, -1e4]), np.zeros(3)):
        want = torch.autograd.functional.jacobian(
            lambda t: torch.softmax(t, dim=0), torch.tensor(x, dtype=torch.float64)
        ).numpy()
        np.testing.assert_allclose(softmax_jacobian(x), want, rtol=1e-6, atol=1e-12)


def test_tanh_solution_matches_torch_without_np_tanh():
    """The page-3 tanh reference is built from exponentials and still matches torch.tanh."""
    ns = load_solution(PAGE / "tanh")
    original = np.tanh
    calls = []

    def watched(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    x = np.concatenate([np.linspace(-30, 30, 601), [-1e4, -1e-12, 0.0, 1e-12, 1e4]])
    np.tanh = watched
    try:
        got, grad = ns["tanh"](x.copy()), ns["tanh_grad"](x.copy())
    finally:
        np.tanh = original
    assert not calls, "the reference tanh must not call np.tanh"
    want, want_grad = torch_value_and_grad(torch.tanh, x)
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(grad, want_grad, rtol=1e-9, atol=1e-12)
