"""The page-13 notebook's NumPy DQN agent learns CartPole (CPython, fixed seed).

The notebook material must stay self-contained, so this test runs its code cells (not the
PyTorch ones) in order, up to the cell that defines `train_numpy_dqn`, and calls it.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from builder.notebooks import parse_percent

ROOT = Path(__file__).resolve().parent.parent
MATERIAL = ROOT / "content" / "notebooks" / "13-dqn-network.py"


@pytest.fixture(scope="module")
def agent() -> dict:
    cells = parse_percent(MATERIAL.read_text(encoding="utf-8"), where=str(MATERIAL))
    namespace: dict = {"__name__": "notebook_13"}
    for i, cell in enumerate(cells):
        if cell.kind != "code":
            continue
        exec(compile(cell.source, f"{MATERIAL}:cell {i} (line {cell.line})", "exec"), namespace)
        if "train_numpy_dqn" in namespace:
            return namespace
    pytest.fail(f"{MATERIAL}: no code cell defines train_numpy_dqn")


def test_numpy_cartpole_matches_gymnasium(agent):
    gym = pytest.importorskip("gymnasium")
    ours, theirs = agent["NumpyCartPole"](), gym.make("CartPole-v1")
    for seed in (0, 7):
        a, _ = ours.reset(seed=seed)
        b, _ = theirs.reset(seed=seed)
        np.testing.assert_array_equal(a, b)
        rng = np.random.default_rng(seed)
        for step in range(600):
            action = int(rng.integers(2))
            got, want = ours.step(action), theirs.step(action)
            np.testing.assert_array_equal(got[0], want[0], err_msg=f"seed {seed}, step {step}")
            assert got[1:4] == want[1:4], (seed, step, got[1:4], want[1:4])
            if got[2] or got[3]:
                a, _ = ours.reset()
                b, _ = theirs.reset()
                np.testing.assert_array_equal(a, b)


def test_numpy_dqn_learns_cartpole(agent):
    start = time.perf_counter()
    returns = agent["train_numpy_dqn"](agent["NumpyCartPole"], episodes=120, seed=0)
    seconds = time.perf_counter() - start
    assert len(returns) == 120
    first, last = float(np.mean(returns[:20])), float(np.mean(returns[-20:]))
    print(
        f"120 episodes in {seconds:.1f} s: mean return {first:.1f} (first 20) -> {last:.1f} (last 20)"
    )
    assert first < 40, f"the first 20 episodes should be near random play (~22), got {first:.1f}"
    assert last > 2 * first and last > 60, (
        f"the agent did not learn: mean return {first:.1f} over the first 20 episodes, "
        f"{last:.1f} over the last 20 (expected more than twice as much, and above 60)"
    )
