"""Page 4 reference solutions against PyTorch (CPU): parameter counts, He init, layouts, XOR."""

from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")

PAGE = Path(__file__).resolve().parents[1] / "exercises" / "04-multi-layer-perceptrons"


def _solution(exercise: str) -> dict:
    """Execute an exercise's solution.py and return its namespace."""
    path = PAGE / exercise / "solution.py"
    namespace: dict = {"__name__": f"solution_{exercise}"}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    return namespace


def _torch_mlp(sizes) -> "torch.nn.Sequential":
    """nn.Sequential of Linear layers with ReLU between them (linear output)."""
    layers = []
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(torch.nn.Linear(n_in, n_out))
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


@pytest.mark.parametrize(
    "sizes",
    [[3, 2], [4, 64, 64, 2], [3136, 512, 4], [8, 256, 256, 256, 6], [256, 1], [5]],
)
def test_count_params_matches_torch_numel(sizes):
    count_params = _solution("count_params")["count_params"]
    model = _torch_mlp(sizes)
    expected = sum(p.numel() for p in model.parameters())
    assert count_params(sizes) == expected


def test_count_params_nature_dqn_head():
    count_params = _solution("count_params")["count_params"]
    assert count_params([3136, 512, 4]) == 3136 * 512 + 512 + 512 * 4 + 4 == 1_608_196


def test_init_mlp_shapes_are_torch_weights_transposed():
    init_mlp = _solution("init_mlp")["init_mlp"]
    sizes = [4, 64, 64, 2]
    model = _torch_mlp(sizes)
    linears = [m for m in model if isinstance(m, torch.nn.Linear)]
    for (W, b), lin in zip(init_mlp(sizes, seed=0), linears, strict=True):
        assert W.shape == tuple(lin.weight.shape[::-1])  # torch stores (out, in)
        assert b.shape == tuple(lin.bias.shape)


@pytest.mark.parametrize("n_in,n_out", [(1000, 800), (4000, 200), (256, 2000)])
def test_init_mlp_std_matches_kaiming_normal(n_in, n_out):
    """He-normal == kaiming_normal_(mode='fan_in', nonlinearity='relu'): std sqrt(2/n_in)."""
    init_mlp = _solution("init_mlp")["init_mlp"]
    ((W, b),) = init_mlp([n_in, n_out], seed=1)
    torch.manual_seed(1)
    w_torch = torch.empty(n_out, n_in, dtype=torch.float64)  # torch layout (out, in)
    torch.nn.init.kaiming_normal_(w_torch, mode="fan_in", nonlinearity="relu")
    target = np.sqrt(2.0 / n_in)
    std_np, std_torch = float(W.std()), float(w_torch.std())
    assert abs(std_np - target) < 0.02 * target
    assert abs(std_torch - target) < 0.02 * target
    assert abs(std_np - std_torch) < 0.03 * target
    assert abs(float(W.mean())) < 5 * target / np.sqrt(W.size)
    assert np.all(b == 0)


def test_torch_default_linear_init_is_not_he():
    """Documented on the page: nn.Linear's default weights have variance 1/(3 n_in)."""
    torch.manual_seed(0)
    n_in = 2000
    lin = torch.nn.Linear(n_in, 500)
    std = float(lin.weight.detach().std())
    assert abs(std - np.sqrt(1.0 / (3 * n_in))) < 0.02 * np.sqrt(1.0 / (3 * n_in))
    assert float(lin.weight.detach().abs().max()) <= 1.0 / np.sqrt(n_in)


def test_init_mlp_weights_in_torch_give_same_forward():
    """Copying (W, b) into nn.Linear (weight = W.T) reproduces the NumPy forward pass."""
    init_mlp = _solution("init_mlp")["init_mlp"]
    sizes = [4, 64, 64, 2]
    params = init_mlp(sizes, seed=3)
    model = _torch_mlp(sizes).double()
    linears = [m for m in model if isinstance(m, torch.nn.Linear)]
    with torch.no_grad():
        for (W, b), lin in zip(params, linears, strict=True):
            lin.weight.copy_(torch.from_numpy(W.T.copy()))
            lin.bias.copy_(torch.from_numpy(b))
    X = np.random.default_rng(0).standard_normal((16, 4))
    A = X
    for i, (W, b) in enumerate(params):
        A = A @ W + b
        if i < len(params) - 1:
            A = np.maximum(A, 0.0)
    out_torch = model(torch.from_numpy(X)).detach().numpy()
    np.testing.assert_allclose(A, out_torch, rtol=1e-10, atol=1e-12)


def test_init_mlp_variance_preserved_through_deep_relu_stack():
    """He init keeps the activation RMS of a deep ReLU stack near that of the input."""
    init_mlp = _solution("init_mlp")["init_mlp"]
    params = init_mlp([256] * 21, seed=0)
    X = torch.from_numpy(np.random.default_rng(1).standard_normal((512, 256)))
    A = X
    for W, b in params:
        A = torch.relu(A @ torch.from_numpy(W) + torch.from_numpy(b))
    rms = float(A.pow(2).mean().sqrt())
    assert 0.3 < rms < 3.0


def test_xor_network_in_torch():
    xor_network = _solution("xor_network")["xor_network"]
    (W1, b1), (W2, b2) = xor_network()
    X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], dtype=torch.float64)
    lin1, lin2 = torch.nn.Linear(2, 2).double(), torch.nn.Linear(2, 1).double()
    with torch.no_grad():
        lin1.weight.copy_(torch.from_numpy(W1.T.copy()))
        lin1.bias.copy_(torch.from_numpy(b1))
        lin2.weight.copy_(torch.from_numpy(W2.T.copy()))
        lin2.bias.copy_(torch.from_numpy(b2))
        hidden = (lin1(X) >= 0).double()
        out = (lin2(hidden) >= 0).int().flatten().tolist()
    assert out == [0, 1, 1, 0]


def test_xavier_uniform_matches_torch_bounds_and_variance():
    xavier_uniform = _solution("p04_xavier_uniform")["xavier_uniform"]
    n_in, n_out = 600, 400
    W = xavier_uniform(n_in, n_out, np.random.default_rng(0))
    torch.manual_seed(0)
    w_torch = torch.empty(n_out, n_in, dtype=torch.float64)
    torch.nn.init.xavier_uniform_(w_torch)
    limit = np.sqrt(6.0 / (n_in + n_out))
    assert W.shape == tuple(w_torch.shape[::-1])
    assert float(np.abs(W).max()) <= limit
    assert float(w_torch.abs().max()) <= limit
    assert abs(float(W.var()) - float(w_torch.var())) < 0.03 * 2.0 / (n_in + n_out)


def test_init_mlp_tails_match_kaiming_normal():
    """He-normal has full normal tails, like kaiming_normal_: about 0.27% beyond 3 std."""
    init_mlp = _solution("init_mlp")["init_mlp"]
    n_in, n_out = 1000, 1000
    ((W, _),) = init_mlp([n_in, n_out], seed=2)
    torch.manual_seed(2)
    w_torch = torch.empty(n_out, n_in, dtype=torch.float64)
    torch.nn.init.kaiming_normal_(w_torch, mode="fan_in", nonlinearity="relu")
    std = np.sqrt(2.0 / n_in)
    frac_np = float(np.mean(np.abs(W) > 3 * std))
    frac_torch = float((w_torch.abs() > 3 * std).double().mean())
    assert 0.0020 < frac_np < 0.0034
    assert 0.0020 < frac_torch < 0.0034
