"""Every generated notebook runs top to bottom in Pyodide, as the site's JupyterLite runs it.

The browser half of "the notebooks run in CPython and in JupyterLite". Real JupyterLite in
Chromium costs minutes per notebook on a small machine (tests/browser/test_jupyterlite.py
runs a whole notebook there, test_jupyterlite_cartpole.py page 13's training), so every
notebook runs here instead in the same Pyodide 0.27.7 with the same packages and the same
kernel code, under Node.js (builder.pyodide_runner):

* the Pyodide folder is the site's own (``NPRL_TEST_SITE/pyodide``) or one made by the
  build's own step (``builder.jupyterlite.prepare_pyodide``: the grader, the exercise
  bundles, Gymnasium and its dependencies in the lock);
* the kernel's start-up is replayed: the packages of ``loadPyodideOptions`` (``PRELOAD``),
  then the kernel extension's own wheels (``piplite``, the ``ipykernel`` mock,
  ``pyodide_kernel``) and ``import pyodide_kernel``, with ``MPLBACKEND`` unset so the
  kernel picks the inline backend as in the browser;
* each code cell goes through ``pyodide_kernel``'s own ``kernel_instance.run`` (its
  ``loadPackagesFromImports`` of the cell, IPython's ``run_cell`` with history, so the
  check cells find the exercise cells as they do in JupyterLab); one fresh Pyodide per
  notebook, as JupyterLite starts one kernel per notebook.

The exercise cells hold the reference solutions (as tests/test_notebooks.py does in
CPython). A cell that raises fails the test with the notebook, the cell's number and id,
and the error; every check cell must report full marks, every PyTorch cell must print its
browser message.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

import pytest
import yaml

from builder.course import load_course
from builder.notebooks import BROWSER_MESSAGE, build_notebooks, exercise_source

ROOT = Path(__file__).resolve().parent.parent
SLUGS = [p["slug"] for p in yaml.safe_load((ROOT / "content" / "course.yaml").read_text())["pages"]]
pytestmark = pytest.mark.pyodide  # real Pyodide under Node.js: not part of test-fast

SUMMARY = re.compile(r"^(All tests passed|Not yet): (\d+)/(\d+) points\.$", re.M)
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# The kernel extension's wheels that the kernel installs with piplite before its first cell.
KERNEL_WHEELS = ("piplite", "ipykernel", "pyodide_kernel")
CELL_TIMEOUT = 1200.0  # seconds; page 13 trains a DQN agent for 120 episodes (~2 min)

BOOT = """
import asyncio, json, os, sys
os.environ.pop("MPLBACKEND", None)  # as in the browser: pyodide_kernel picks matplotlib_inline
import piplite.piplite
piplite.piplite._PIPLITE_DISABLE_PYPI = True
piplite.piplite._PIPLITE_URLS = []
import pyodide_kernel
os.makedirs("/drive", exist_ok=True)
os.chdir("/drive")
_nprl = {"outputs": [], "task": None}


def _nprl_stream(name, text):
    _nprl["outputs"].append({"type": "stream", "name": name, "text": str(text)})


def _nprl_display(data, metadata=None, transient=None):
    data = dict(data or {})
    _nprl["outputs"].append({"type": "display", "mime": sorted(data),
                             "text": str(data.get("text/plain", ""))})


def _nprl_result(count, data, metadata=None):
    _nprl_display(data)


pyodide_kernel.stdout_stream.publish_stream_callback = _nprl_stream
pyodide_kernel.stderr_stream.publish_stream_callback = _nprl_stream
pyodide_kernel.ipython_shell.display_pub.display_data_callback = _nprl_display
pyodide_kernel.ipython_shell.displayhook.publish_execution_result = _nprl_result


def _nprl_start(code):
    _nprl["outputs"] = []
    _nprl["task"] = asyncio.ensure_future(pyodide_kernel.kernel_instance.run(code))


def _nprl_report():
    task = _nprl["task"]
    if task.exception() is not None:
        exc = task.exception()
        out = {"status": "error", "ename": type(exc).__name__, "evalue": str(exc),
               "traceback": ["(raised by the kernel itself, not by the cell)"]}
    else:
        res = dict(task.result())
        out = {k: res.get(k) for k in ("status", "ename", "evalue", "traceback")}
        out["traceback"] = [str(t) for t in (out["traceback"] or [])]
    out["outputs"] = _nprl["outputs"]
    out["count"] = pyodide_kernel.ipython_shell.execution_count
    return json.dumps(out)


sys.platform
"""


@pytest.fixture(scope="module")
def course():
    return load_course(ROOT)


@pytest.fixture(scope="module")
def notebooks(course):
    return build_notebooks(course, ROOT)


@pytest.fixture(scope="module")
def kernel_dist(course, tmp_path_factory):
    """A private Pyodide folder: the site's lock plus the kernel extension's own wheels."""
    from builder.jupyterlite import kernel_extension, prepare_pyodide
    from builder.pyodide_dist import LOCK_NAME, add_wheels_to_lock, ensure_dist, link_dist

    site = os.environ.get("NPRL_TEST_SITE")
    if site:
        source = Path(site) / "pyodide"
        assert (source / LOCK_NAME).is_file(), f"NPRL_TEST_SITE={site}: no pyodide/{LOCK_NAME}"
    else:
        out = tmp_path_factory.mktemp("lite-site")
        (out / "pyodide").mkdir()
        link_dist(ensure_dist(), out / "pyodide")
        source = prepare_pyodide(out, None, course)
    dest = Path(tempfile.mkdtemp(prefix="nb-pyodide-", dir=tmp_path_factory.getbasetemp()))
    link_dist(source, dest)
    pypi = kernel_extension() / "static" / "pypi"
    wheels = []
    for name in KERNEL_WHEELS:
        found = sorted(pypi.glob(f"{name}-*-py3-none-any.whl"))
        assert found, f"{pypi}: no {name} wheel (the JupyterLite kernel installs it at start)"
        wheels.append(found[-1])
    add_wheels_to_lock(dest, wheels)
    yield dest
    shutil.rmtree(dest, ignore_errors=True)


def filled(text: str, course) -> dict:
    nb = json.loads(text)
    for cell in nb["cells"]:
        ex = cell["metadata"].get("nprl", {}).get("exercise")
        if ex:
            bundle = course.exercises[ex]
            cell["source"] = exercise_source({**bundle, "starter": bundle["solution"]})
    return nb


class LiteKernel:
    """pyodide_kernel inside a PyodideRunner: run cells as JupyterLite's kernel runs them."""

    def __init__(self, dist: Path):
        from builder.jupyterlite import PRELOAD
        from builder.pyodide_runner import PyodideRunner

        self.runner = PyodideRunner(dist, timeout=CELL_TIMEOUT, startup_timeout=600)
        self.runner.start()
        self.runner.load_packages(
            [*PRELOAD, "micropip", "piplite", "ipykernel", "pyodide-kernel"], timeout=600
        )
        platform = self.runner.eval(BOOT, timeout=600)
        assert platform == "emscripten", f"expected Pyodide (emscripten), got {platform!r}"

    def run(self, code: str) -> dict:
        self.runner.eval(f"_nprl_start({code!r})")
        wait = 0.02
        while self.runner.eval("str(_nprl['task'].done())", timeout=CELL_TIMEOUT) != "True":
            time.sleep(wait)
            wait = min(wait * 2, 0.5)
        return json.loads(self.runner.eval("_nprl_report()"))

    def close(self) -> None:
        self.runner.close()


def output_text(reply: dict) -> str:
    return "".join(o["text"] for o in reply["outputs"])


@pytest.mark.parametrize("slug", SLUGS)
def test_notebook_runs_in_pyodide(slug, notebooks, course, kernel_dist):
    nb = filled(notebooks[slug], course)
    started = time.perf_counter()
    kernel = LiteKernel(kernel_dist)
    boot = time.perf_counter() - started
    failures, checks, torch_cells, code_cells = [], 0, 0, 0
    try:
        for number, cell in enumerate(nb["cells"], start=1):
            if cell["cell_type"] != "code":
                continue
            code_cells += 1
            reply = kernel.run(cell["source"])
            where = f"{slug}.ipynb, cell {number} ({cell['id']})"
            out = output_text(reply)
            if reply["status"] != "ok":
                tb = ANSI.sub("", "\n".join(reply["traceback"] or []))
                tail = "\n".join(tb.strip().splitlines()[-12:])
                failures.append(
                    f"{where} raised {reply['ename']}: {reply['evalue']}\n{tail}\n"
                    f"--- its output ---\n{out[-1500:]}"
                )
                continue
            meta = cell["metadata"].get("nprl", {})
            if "check" in meta:
                checks += 1
                points = course.exercises[meta["check"]]["points"]
                m = SUMMARY.search(out)
                if not m or m.groups() != ("All tests passed", str(points), str(points)):
                    failures.append(
                        f"{where}: check({meta['check']!r}) with the reference solution: "
                        f"expected 'All tests passed: {points}/{points} points.', got:\n{out}"
                    )
            if meta.get("torch"):
                torch_cells += 1
                if BROWSER_MESSAGE[0] not in out:
                    failures.append(
                        f"{where}: a PyTorch cell must print {BROWSER_MESSAGE[0]!r} in "
                        f"Pyodide, printed:\n{out[-1500:]}"
                    )
    finally:
        kernel.close()
    seconds = time.perf_counter() - started
    print(
        f"{slug}: {code_cells} code cells ({checks} checks, {torch_cells} PyTorch) in "
        f"{seconds:.1f} s (kernel start {boot:.1f} s)"
    )
    assert not failures, "\n\n".join(failures)
    expected = sum(1 for b in course.exercises.values() if b["page"] == slug)
    assert checks == expected, f"{slug}: {checks} check cells ran for {expected} exercises"
    assert code_cells > 0, f"{slug}: the notebook has no code cell"
