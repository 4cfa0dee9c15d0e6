"""The page-13 notebook's NumPy DQN agent learns Gymnasium's CartPole-v1 (CPython, fixed seed).

The notebook material must stay self-contained, so this test runs its code cells (not the
PyTorch ones) in order, up to the cell that defines `train_numpy_dqn`, and calls it with
the notebook's own `make_env` (Gymnasium, as in the browser's JupyterLite:
tests/browser/test_jupyterlite_cartpole.py). `NumpyCartPole`, the stand-in for a Jupyter
without Gymnasium, must match Gymnasium step for step.
"""

from __future__ import annotations

import sys
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


def test_the_notebook_uses_gymnasium(agent):
    gym = pytest.importorskip("gymnasium")
    assert agent["gymnasium"] is gym, "the notebook did not import Gymnasium"
    assert agent["source"] == f"Gymnasium {gym.__version__}", agent["source"]
    env = agent["make_env"]()
    assert env.spec.id == "CartPole-v1", f"make_env() made {env.spec.id}, expected CartPole-v1"
    real = sys.modules.get("_multiprocessing")
    assert real is None or real.__spec__ is not None, (
        "the notebook installed its _multiprocessing stub in CPython (it is for Pyodide only)"
    )


def test_multiprocessing_stub_imports_but_refuses_to_work(agent):
    """The Pyodide shim: `multiprocessing.synchronize` imports with it, using it raises."""
    saved = {k: sys.modules.pop(k) for k in ("_multiprocessing", "multiprocessing.synchronize")
             if k in sys.modules}  # fmt: skip
    try:
        agent["install_multiprocessing_stub"]()
        stub = sys.modules["_multiprocessing"]
        assert stub.__spec__ is None and stub.SemLock.SEM_VALUE_MAX == 2**31 - 1
        import multiprocessing.synchronize as synchronize  # what Gymnasium imports

        with pytest.raises(OSError, match="Pyodide .* has no processes"):
            synchronize.Lock(ctx=None)
        with pytest.raises(OSError, match="no processes"):
            stub.sem_unlink("/x")
    finally:
        for k in ("_multiprocessing", "multiprocessing.synchronize"):
            sys.modules.pop(k, None)
        sys.modules.update(saved)


def test_numpy_dqn_learns_cartpole(agent):
    pytest.importorskip("gymnasium")
    start = time.perf_counter()
    returns = agent["train_numpy_dqn"](agent["make_env"], episodes=120, seed=0)
    seconds = time.perf_counter() - start
    assert len(returns) == 120
    first, last = float(np.mean(returns[:20])), float(np.mean(returns[-20:]))
    print(
        f"120 episodes on {agent['source']} in {seconds:.1f} s: mean return {first:.1f} "
        f"(first 20) -> {last:.1f} (last 20)"
    )
    assert first < 40, f"the first 20 episodes should be near random play (~22), got {first:.1f}"
    assert last > 2 * first and last > 60, (
        f"the agent did not learn: mean return {first:.1f} over the first 20 episodes, "
        f"{last:.1f} over the last 20 (expected more than twice as much, and above 60)"
    )
