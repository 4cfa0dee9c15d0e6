"""PyTorch as the oracle for page 13: the Nature DQN's reference forward pass and parameter
count against the same network built from torch.nn (CPU, float64)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")
nn = torch.nn

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "exercises" / "13-dqn-network"


def load_solution(name: str) -> dict:
    """Execute an exercise's solution.py and return its namespace."""
    path = PAGE / name / "solution.py"
    namespace: dict = {"__name__": f"solution_{name}"}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    return namespace


def nature_dqn(n_actions: int, frame_stack: int = 4) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(frame_stack, 32, kernel_size=8, stride=4),
        nn.ReLU(),
        nn.Conv2d(32, 64, kernel_size=4, stride=2),
        nn.ReLU(),
        nn.Conv2d(64, 64, kernel_size=3, stride=1),
        nn.ReLU(),
        nn.Flatten(),
        nn.Linear(3136, 512),
        nn.ReLU(),
        nn.Linear(512, n_actions),
    )


def params_of(net: nn.Sequential) -> dict:
    """The torch weights in the course's layouts: conv (F, C, KH, KW), dense (in, out)."""
    convs = [m for m in net if isinstance(m, nn.Conv2d)]
    linears = [m for m in net if isinstance(m, nn.Linear)]
    out = {}
    for i, conv in enumerate(convs, start=1):
        out[f"conv{i}_w"] = conv.weight.detach().numpy().copy()
        out[f"conv{i}_b"] = conv.bias.detach().numpy().copy()
    for i, lin in enumerate(linears, start=1):
        out[f"fc{i}_w"] = lin.weight.detach().numpy().T.copy()
        out[f"fc{i}_b"] = lin.bias.detach().numpy().copy()
    return out


@pytest.mark.parametrize("n_actions, batch, seed", [(4, 1, 0), (6, 2, 1), (18, 3, 2)])
def test_dqn_forward_matches_torch_nn(n_actions, batch, seed):
    dqn_forward = load_solution("dqn_forward")["dqn_forward"]
    torch.manual_seed(seed)
    net = nature_dqn(n_actions).double()
    with torch.no_grad():  # larger biases, so that every ReLU cuts somewhere
        for m in net:
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                m.bias.uniform_(-0.2, 0.2)
    obs = np.random.default_rng(seed).random((batch, 4, 84, 84))
    with torch.no_grad():
        expected = net(torch.from_numpy(obs)).numpy()
    params = params_of(net)
    got = dqn_forward(obs, params)
    assert got.shape == (batch, n_actions), got.shape
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-12)
    # a channels-last flatten must NOT match: the test can tell the orders apart
    h = torch.from_numpy(obs)
    with torch.no_grad():
        feats = net[:6](h).permute(0, 2, 3, 1).reshape(batch, -1)
        wrong = net[7:](feats).numpy()
    assert not np.allclose(wrong, expected, rtol=1e-6, atol=1e-8)


def test_dqn_forward_float32_observations_match_torch():
    """Preprocessed frames are float32; with float32 weights both sides agree to float32."""
    dqn_forward = load_solution("dqn_forward")["dqn_forward"]
    torch.manual_seed(3)
    net = nature_dqn(4)
    obs = np.random.default_rng(3).random((2, 4, 84, 84)).astype(np.float32)
    with torch.no_grad():
        expected = net(torch.from_numpy(obs)).numpy()
    got = dqn_forward(obs, params_of(net))
    np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize(
    "n_actions, frame_stack", [(4, 4), (2, 4), (6, 4), (18, 4), (4, 1), (9, 3), (4, 8)]
)
def test_dqn_param_count_matches_numel(n_actions, frame_stack):
    count = load_solution("dqn_param_count")["dqn_param_count"]
    expected = sum(p.numel() for p in nature_dqn(n_actions, frame_stack).parameters())
    assert count(n_actions, frame_stack=frame_stack) == expected
    if (n_actions, frame_stack) == (4, 4):
        assert expected == 1_686_180


def test_soft_update_matches_in_place_polyak_of_torch():
    """The dict version equals the in-place torch update p_t = (1 - tau) p_t + tau p."""
    soft_update = load_solution("soft_update")["soft_update"]
    torch.manual_seed(4)
    online, target = nature_dqn(3).double(), nature_dqn(3).double()
    before = params_of(target)
    new = soft_update(before, params_of(online), 0.005)
    with torch.no_grad():
        for p_t, p in zip(target.parameters(), online.parameters()):
            p_t.mul_(1 - 0.005).add_(0.005 * p)
    after = params_of(target)
    assert new.keys() == after.keys()
    for key in new:
        np.testing.assert_allclose(new[key], after[key], rtol=1e-12, atol=1e-15)
