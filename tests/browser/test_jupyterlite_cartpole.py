"""Page 13's DQN agent trains on Gymnasium's CartPole-v1 in the site's JupyterLite.

Opens the generated notebook of `13-dqn-network` in real JupyterLite (Chromium), sets its
`EPISODES` cell to a short run, runs the notebook's material from its first code cell down
to the NumPy training run (the Nature DQN in NumPy, the PyTorch cells' browser message,
`NumpyCartPole`, the `_multiprocessing` shim and `import gymnasium`, the agent, the run),
and reads the returns the run prints. Gymnasium and its dependencies must come from the
site's own Pyodide lock; no request may leave 127.0.0.1 (the `traffic` fixture of
test_jupyterlite.py records every request and blocks the others). Like the other JupyterLite
tests it runs on `site_url`, the cross-origin isolated server, whose `jupyter/` is not
isolated (test_jupyterlite.py says why).

CPython's side (the agent learns over 120 episodes) is tests/test_dqn_cartpole.py.
"""

from __future__ import annotations

import json
import re
import time

from tests.browser import test_jupyterlite as lite

SLUG = "13-dqn-network"
EPISODES = 30  # about 650 steps: past learning_starts (500), so the updates run too
RUN_TIMEOUT = 900_000  # the kernel's start and the cells, on a busy 2-core machine

traffic = lite.traffic  # the fixture, under its own name


def code_index(nb: dict, needle: str) -> int:
    """The position of the one code cell of the built notebook that contains `needle`."""
    found = [
        i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code" and needle in c["source"]
    ]
    assert len(found) == 1, f"{SLUG}.ipynb: expected 1 code cell with {needle!r}, found {found}"
    return found[0]


def test_cartpole_short_run_in_jupyterlite(page, site_url, built_site, traffic):
    seen, outside = traffic
    nb = json.loads((built_site / "notebooks" / f"{SLUG}.ipynb").read_text(encoding="utf-8"))
    ids = [c["id"] for c in nb["cells"]]
    switch = code_index(nb, "EPISODES = ")
    # The switch is a cell of its own; the build must not have changed its default.
    assert re.search(r"^EPISODES = 120$", nb["cells"][switch]["source"], re.M), (
        f"{SLUG}.ipynb: expected the cell {switch + 1} to set EPISODES = 120"
    )
    run = code_index(nb, "returns_np = train_numpy_dqn(")
    env = code_index(nb, "import gymnasium")
    first = next(i for i, c in enumerate(nb["cells"]) if c["id"].startswith("nb-"))

    started = time.monotonic()
    lite.open_in_app(page, site_url, f"{SLUG}.ipynb", n_cells=len(ids))
    page.evaluate(
        """({index, id, source}) => {
            const model = window.jupyterapp.shell.currentWidget.content.model.cells.get(index);
            if (model.id !== id) throw new Error(`cell ${index + 1} is ${model.id}, not ${id}`);
            model.sharedModel.setSource(source);
        }""",
        {"index": switch, "id": ids[switch], "source": f"EPISODES = {EPISODES}"},
    )
    ran = lite.run_cells(page, first, run, ids, timeout=RUN_TIMEOUT)
    seconds = time.monotonic() - started
    problems = [e for e in (lite.cell_error(SLUG, r) for r in ran) if e]
    assert not problems, "\n\n".join(problems)
    by_index = {r["index"]: r for r in ran}
    assert run in by_index, f"{SLUG}.ipynb: the run cell {run + 1} did not run"

    env_out = lite.cell_text(by_index[env]["cell"])
    assert "environment: Gymnasium 1.4.0" in env_out, (
        f"{SLUG}.ipynb, cell {env + 1}: expected Gymnasium in the browser, got:\n{env_out}"
    )
    assert "NumpyCartPole and Gymnasium agree on 300 random steps: True" in env_out, env_out

    text = lite.cell_text(by_index[run]["cell"])
    assert f"{EPISODES} episodes," in text, f"expected the '{EPISODES} episodes' summary:\n{text}"
    assert "(Gymnasium 1.4.0)" in text, f"the run did not use Gymnasium:\n{text}"
    listed = re.search(r"episode returns: \[([\d, ]*)\]", text)
    assert listed, f"expected 'episode returns: [...]' in the output, got:\n{text}"
    returns = [int(r) for r in listed.group(1).split(",")]
    assert len(returns) == EPISODES, f"expected {EPISODES} returns, got {len(returns)}: {returns}"
    # CartPole pays 1 per step: each episode lasts at least 1 and at most 500 steps.
    assert all(1 <= r <= 500 for r in returns), f"returns outside [1, 500]: {returns}"
    assert sum(returns) > 500, f"too few steps ({sum(returns)}) to reach any update: {returns}"
    reported = re.search(r"steps in ([\d.]+) s", text)
    print(
        f"{SLUG} in JupyterLite: {EPISODES} episodes, {sum(returns)} steps; the run cell "
        f"{by_index[run]['seconds']:.1f} s (the notebook says {reported and reported.group(1)} "
        f"s), cells {first + 1}-{run + 1} with the kernel start {seconds:.0f} s"
    )

    local = [u for u in seen if u.startswith(site_url)]
    for wheel in ("gymnasium-1.4.0", "cloudpickle-", "typing_extensions-", "farama_notifications-"):
        assert any(f"/pyodide/{wheel}" in u for u in local), f"{wheel} not loaded from /pyodide/"
    assert any(u.endswith("/pyodide/pyodide.asm.wasm") for u in seen), "the site's Pyodide"
    assert not outside, f"requests left 127.0.0.1: {outside}"
    assert all(re.match(r"https?://127\.0\.0\.1[:/]", u) for u in seen if u.startswith("http"))
