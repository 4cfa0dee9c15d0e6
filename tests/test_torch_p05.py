"""Page 5 reference solutions against PyTorch (CPU): dense layers, the MLP forward pass and its
cache, greedy actions, the policy head and the dueling head."""

from pathlib import Path

import numpy as np
import pytest

from tests.torch_support import he_params, load_solution

torch = pytest.importorskip("torch")
nn = torch.nn

PAGE = Path(__file__).resolve().parents[1] / "exercises" / "05-forward-propagation"


def _solution(exercise: str) -> dict:
    return load_solution(PAGE, exercise)


_params = he_params


def _sequential(params) -> "nn.Sequential":
    """nn.Sequential of Linear layers with ReLU between them, holding our (W, b) (W transposed)."""
    layers = []
    for i, (W, b) in enumerate(params):
        lin = nn.Linear(*W.shape).double()
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(W.T.copy()))  # torch stores (n_out, n_in)
            lin.bias.copy_(torch.from_numpy(b))
        layers.append(lin)
        if i < len(params) - 1:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


@pytest.mark.parametrize(
    "n,d,m", [(1, 4, 64), (32, 4, 64), (64, 64, 64), (7, 64, 2), (3, 3136, 512)]
)
def test_dense_forward_matches_nn_linear(n, d, m):
    dense_forward = _solution("dense_forward")["dense_forward"]
    rng = np.random.default_rng(n + d + m)
    X, W, b = rng.standard_normal((n, d)), rng.standard_normal((d, m)), rng.standard_normal(m)
    ours = dense_forward(X, W, b)
    theirs = torch.nn.functional.linear(
        torch.from_numpy(X), torch.from_numpy(W.T.copy()), torch.from_numpy(b)
    )
    assert ours.shape == (n, m) and ours.dtype == np.float64
    np.testing.assert_allclose(ours, theirs.numpy(), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize(
    "sizes", [[4, 64, 64, 2], [2, 3], [8, 256, 256, 4], [3, 5, 5, 5, 5, 5, 2], [16, 1]]
)
@pytest.mark.parametrize("batch", [1, 32])
def test_mlp_forward_matches_sequential(sizes, batch):
    mlp_forward = _solution("mlp_forward")["mlp_forward"]
    params = _params(sizes, seed=len(sizes) * 100 + batch)
    X = np.random.default_rng(batch).standard_normal((batch, sizes[0]))
    out, cache = mlp_forward(X, params)
    model = _sequential(params)
    with torch.no_grad():
        expected = model(torch.from_numpy(X)).numpy()
    assert out.shape == (batch, sizes[-1])
    np.testing.assert_allclose(out, expected, rtol=1e-10, atol=1e-12)
    assert len(cache) == len(params)


def test_mlp_forward_cache_equals_what_linear_layers_see():
    """Forward hooks on each nn.Linear capture (input, output) = the reference's (A_in, Z)."""
    mlp_forward = _solution("mlp_forward")["mlp_forward"]
    params = _params([4, 64, 64, 2], seed=5)
    X = np.random.default_rng(6).standard_normal((16, 4))
    _, cache = mlp_forward(X, params)
    model = _sequential(params)
    seen = []
    hooks = [
        m.register_forward_hook(lambda mod, inp, out: seen.append((inp[0].numpy(), out.numpy())))
        for m in model
        if isinstance(m, nn.Linear)
    ]
    with torch.no_grad():
        model(torch.from_numpy(X))
    for h in hooks:
        h.remove()
    assert len(seen) == len(cache) == 3
    assert cache[0][0] is X or np.array_equal(cache[0][0], X)
    for (A_in, Z), (t_in, t_out) in zip(cache, seen):
        np.testing.assert_allclose(A_in, t_in, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(Z, t_out, rtol=1e-12, atol=1e-12)
    assert np.any(cache[1][1] < 0), "a hidden Z must keep its negative entries"


def test_mlp_forward_cache_gives_autograd_weight_gradient():
    """dL/dW_L = A_in^T dL/dZ_L with A_in from the cache equals autograd's gradient."""
    mlp_forward = _solution("mlp_forward")["mlp_forward"]
    params = _params([4, 8, 3], seed=7)
    X = np.random.default_rng(8).standard_normal((5, 4))
    out, cache = mlp_forward(X, params)
    model = _sequential(params)
    loss = 0.5 * model(torch.from_numpy(X)).pow(2).sum()
    loss.backward()
    A_in, _ = cache[-1]
    ours = A_in.T @ out  # dL/dZ_L = out for this loss
    np.testing.assert_allclose(ours, model[-1].weight.grad.numpy().T, rtol=1e-10, atol=1e-12)


def test_greedy_actions_match_torch_argmax_including_ties():
    greedy_actions = _solution("greedy_actions")["greedy_actions"]
    q = np.array([[0.0, 0.0], [1.0, 3.0], [2.0, 2.0], [-1.0, -1.0]])
    rng = np.random.default_rng(9)
    q = np.vstack([q, rng.standard_normal((50, 2)), np.round(rng.standard_normal((50, 2)), 0)])
    ours = greedy_actions(q)
    theirs = torch.argmax(torch.from_numpy(q), dim=1).numpy()
    np.testing.assert_array_equal(ours, theirs)
    wide = np.round(rng.standard_normal((40, 18)), 0)  # many ties among 18 actions
    np.testing.assert_array_equal(
        greedy_actions(wide), torch.argmax(torch.from_numpy(wide), dim=1).numpy()
    )


def test_policy_forward_matches_categorical_probs():
    policy_forward = _solution("p05_policy_forward")["policy_forward"]
    params = _params([8, 64, 64, 4], seed=10)
    X = np.random.default_rng(11).standard_normal((12, 8))
    model = _sequential(params)
    with torch.no_grad():
        dist = torch.distributions.Categorical(logits=model(torch.from_numpy(X)))
    np.testing.assert_allclose(
        policy_forward(X, params), dist.probs.numpy(), rtol=1e-10, atol=1e-14
    )


def test_policy_forward_large_logits_match_torch_softmax():
    policy_forward = _solution("p05_policy_forward")["policy_forward"]
    W = np.array([[1e4, 1e4 - 1.0, -1e4], [1e4 - 3.0, 1e4, 0.0]])
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    logits = torch.from_numpy(X @ W)
    expected = torch.softmax(logits, dim=-1).numpy()
    np.testing.assert_allclose(
        policy_forward(X, [(W, np.zeros(3))]), expected, rtol=1e-10, atol=1e-14
    )


def test_dueling_q_matches_a_torch_dueling_head():
    dueling_q = _solution("p05_dueling_q")["dueling_q"]
    rng = np.random.default_rng(12)
    features = torch.from_numpy(rng.standard_normal((6, 16)))
    value_head, adv_head = nn.Linear(16, 1).double(), nn.Linear(16, 4).double()
    with torch.no_grad():
        v, a = value_head(features), adv_head(features)
        q_torch = v + a - a.mean(dim=1, keepdim=True)
    np.testing.assert_allclose(dueling_q(v.numpy(), a.numpy()), q_torch.numpy(), rtol=1e-12)
    np.testing.assert_allclose(dueling_q(v.numpy()[:, 0], a.numpy()), q_torch.numpy(), rtol=1e-12)


def test_debug_fix_is_the_reference_forward_pass():
    q_forward = _solution("p05_debug_negative_q")["q_forward"]
    params = _params([2, 64, 64, 3], seed=13)
    params[-1] = (params[-1][0], np.array([-40.0, -38.0, -42.0]))
    X = np.random.default_rng(14).uniform(-1.2, 0.6, size=(10, 2))
    with torch.no_grad():
        expected = _sequential(params)(torch.from_numpy(X)).numpy()
    got = q_forward(X, params)
    np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-12)
    assert np.all(got < 0)
