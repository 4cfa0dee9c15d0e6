"""The site's JupyterLite: a generated notebook opens, its check cell grades, a whole notebook
runs, nothing leaves 127.0.0.1.

Uses the browser conftest's fixtures: `site_url` serves the site built once per session
(`built_site`), `page`/`context` come from pytest-playwright with Debian's Chromium.

The kernel runs on `site_url`, the cross-origin isolated server that `make serve` runs, as
a student's would. That server (like `_headers` and deploy.md's server setups) leaves
`jupyter/` out of the isolation: isolated, jupyterlite-pyodide-kernel 0.6.1 picks its
"coincident" worker (SharedArrayBuffer and Atomics.waitAsync), and some execute requests
never complete (builder/serve.py says why). test_jupyterlite_isolation.py checks both sides:
the exercise pages isolated, JupyterLite not, and its cells all finishing.

Two ways to drive JupyterLab: keystrokes on the rendered cells (the check-cell tests, as a
student would), and JupyterLab's own application object (`expose_app`: the test serves
`jupyter-lite.json` with `exposeAppInBrowser`, JupyterLite's switch for `window.jupyterapp`)
to open a notebook, run its cells with the `notebook:run-cell` command and read every
output from the notebook model, which is what a whole-notebook run needs.
"""

from __future__ import annotations

import json
import re
import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import Exercise, exercise_folder

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

KERNEL_TIMEOUT = 180_000  # first start: Pyodide, NumPy, IPython and the grader from the lock
CHECK_TIMEOUT = 120_000
APP_TIMEOUT = 120_000  # JupyterLab's start, until window.jupyterapp has the notebook open
# The notebook run whole in real JupyterLite (every notebook runs in Pyodide under Node.js in
# tests/test_notebooks_pyodide.py; page 13's training has tests/browser/
# test_jupyterlite_cartpole.py). Exercises, check cells, PyTorch cells and figures.
WHOLE_NOTEBOOK = "05-forward-propagation"
RUN_TIMEOUT = 900_000  # a whole notebook on a busy 2-core machine, kernel start included


@pytest.fixture(scope="module")
def ex() -> Exercise:
    return Exercise(exercise_folder())


@pytest.fixture
def traffic(context, site_url):
    """Every request of every page and worker of this browser context, and a block on the
    outside world: anything not for the test server is recorded and aborted."""
    seen: list[str] = []
    outside: list[str] = []
    origins = {urlsplit(site_url).netloc}
    context.on("request", lambda request: seen.append(request.url))

    def leaves(url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme not in ("data", "blob") and parts.netloc not in origins

    def block(route):
        outside.append(route.request.url)
        route.abort()

    context.route(leaves, block)
    return seen, outside


def cell_with(page, text: str):
    """The notebook cell whose text contains `text` (exactly one)."""
    cell = page.locator(".jp-Notebook .jp-Cell").filter(has_text=text)
    expect(cell).to_have_count(1, timeout=30_000)
    return cell


def run_cell(page, cell) -> None:
    """Select the cell (edit mode in its editor), then Shift+Enter: run it, select the next."""
    cell.locator(".cm-content").click()
    expect(cell).to_have_class(re.compile(r"\bjp-mod-active\b"))
    page.keyboard.press("Shift+Enter")


def set_cell_text(page, cell, text: str) -> None:
    editor = cell.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(text)
    expect(editor).to_contain_text(text.strip().splitlines()[-1].strip())


def output_of(cell):
    return cell.locator(".jp-OutputArea-output")


def open_notebook(page, site_url: str, built_site, slug: str):
    """Open a notebook in JupyterLab, wait for every cell, run the setup cell."""
    cells = json.loads((built_site / "notebooks" / f"{slug}.ipynb").read_text(encoding="utf-8"))
    page.goto(f"{site_url}jupyter/lab/index.html?path={slug}.ipynb")
    # windowingMode "defer" attaches the cells below the fold when the page is idle.
    expect(page.locator(".jp-Notebook .jp-Cell")).to_have_count(len(cells["cells"]), timeout=60_000)
    # The setup cell imports the grader: it only gets an execution count once the kernel
    # (Pyodide from /pyodide/, with the grader preinstalled) has started. A Shift+Enter
    # sent while JupyterLab is still connecting the session can be lost: send it again.
    setup = cell_with(page, "from grader.notebook import check")
    prompt = setup.locator(".jp-InputPrompt")
    deadline = time.monotonic() + KERNEL_TIMEOUT / 1000
    while True:
        run_cell(page, setup)
        try:
            expect(prompt).to_have_text(re.compile(r"\[\d+\]:"), timeout=45_000)
            break
        except AssertionError:
            if time.monotonic() > deadline:
                raise
    expect(output_of(setup)).to_have_count(0)  # no ImportError
    return setup


def test_check_cell_grades_in_jupyterlite(page, site_url, built_site, ex, traffic):
    seen, outside = traffic
    open_notebook(page, site_url, built_site, ex.slug)
    exercise = cell_with(page, f"# Exercise {ex.id}:")
    check = cell_with(page, f'check("{ex.id}")')
    points = ex.spec["points"]

    # The starter as shipped: the check cell reports the site's "Not yet" verdict.
    run_cell(page, exercise)
    run_cell(page, check)
    out = output_of(check)
    expect(out).to_contain_text(
        re.compile(rf"Not yet: \d+/{points} points\."), timeout=CHECK_TIMEOUT
    )
    expect(out).to_contain_text("✗")

    # The reference solution typed in: full marks, every test ticked.
    set_cell_text(page, exercise, f"# Exercise {ex.id}: my solution\n{ex.solution}")
    run_cell(page, exercise)
    run_cell(page, check)
    expect(out).to_contain_text(
        f"All tests passed: {points}/{points} points.", timeout=CHECK_TIMEOUT
    )
    assert "✗" not in out.inner_text()
    assert out.inner_text().count("✓") >= 1

    local = [u for u in seen if u.startswith(site_url)]
    assert any(u.endswith("/pyodide/pyodide.asm.wasm") for u in local), "the site's Pyodide"
    assert any("/pyodide/nprl_grader-" in u for u in local), "the grader wheel from the lock"
    assert not any("/jupyter/static/pyodide/" in u for u in local), "a second Pyodide"
    assert not outside, f"requests left 127.0.0.1: {outside}"
    assert all(urlsplit(u).hostname == "127.0.0.1" for u in seen if u.startswith("http"))


def test_torch_cell_explains_itself_in_the_browser(page, site_url, built_site, traffic):
    seen, outside = traffic
    slug = None
    for path in sorted((built_site / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        if any(c["metadata"].get("nprl", {}).get("torch") for c in cells):
            slug = path.stem
            torch_cell = next(c for c in cells if c["metadata"].get("nprl", {}).get("torch"))
            break
    assert slug is not None, "no generated notebook has a PyTorch cell"
    open_notebook(page, site_url, built_site, slug)
    # The guard runs before anything else in the cell: no earlier cell is needed.
    marker = torch_cell["source"].split("else:\n", 1)[1].strip().splitlines()[0].strip()
    cell = page.locator(".jp-Notebook .jp-Cell").filter(has_text=marker).first
    run_cell(page, cell)
    expect(output_of(cell)).to_contain_text(
        "PyTorch cannot run in the browser", timeout=CHECK_TIMEOUT
    )
    expect(cell.locator(".jp-OutputArea-output[data-mime-type*=error]")).to_have_count(0)
    assert not outside, f"requests left 127.0.0.1: {outside}"
    assert seen


def test_site_links_open_the_notebook(page, site_url, ex, built_site, traffic):
    """The page's two notebook links point at files the build wrote."""
    _, outside = traffic
    page.goto(f"{site_url}{ex.slug}.html")
    lite = page.locator(f'a[href="jupyter/lab/index.html?path={ex.slug}.ipynb"]')
    download = page.locator(f'a[href="notebooks/{ex.slug}.ipynb"]')
    expect(lite).to_have_count(1)
    expect(download).to_have_count(1)
    assert (built_site / "notebooks" / f"{ex.slug}.ipynb").is_file()
    response = page.request.get(f"{site_url}notebooks/{ex.slug}.ipynb")
    assert response.ok
    nb = response.json()
    assert any(c["metadata"].get("nprl", {}).get("exercise") == ex.id for c in nb["cells"])
    lite.click()
    page.wait_for_url(re.compile(r"/jupyter/lab/"))
    expect(page.locator(".jp-Notebook .jp-Cell").first).to_be_visible(timeout=60_000)
    # windowingMode "defer" attaches the cells below the fold once the page is idle.
    expect(
        page.locator(".jp-Notebook .jp-Cell").filter(has_text=f'check("{ex.id}")')
    ).to_have_count(1, timeout=60_000)
    assert not outside, f"requests left 127.0.0.1: {outside}"


# --------------------------------------------------------------------------- the app object


def expose_app(page) -> None:
    """Serve jupyter/jupyter-lite.json with ``exposeAppInBrowser``: ``window.jupyterapp``."""

    def fulfil(route):
        response = route.fetch()
        config = response.json()
        config["jupyter-config-data"]["exposeAppInBrowser"] = True
        route.fulfill(response=response, json=config)

    page.route(re.compile(r"/jupyter/jupyter-lite\.json(\?.*)?$"), fulfil)


def open_in_app(
    page, site_url: str, path: str, content: dict | None = None, *, n_cells: int = 1
) -> None:
    """Open `path` in JupyterLab and wait for `n_cells` cells in its model; with `content`,
    save that notebook there first (in the browser's own storage, as a student's edited
    copy would be)."""
    expose_app(page)
    page.goto(f"{site_url}jupyter/lab/index.html" + ("" if content else f"?path={path}"))
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.serviceManager", timeout=APP_TIMEOUT
    )
    if content is not None:
        page.evaluate(
            """async ({path, content}) => {
                const app = window.jupyterapp;
                await app.restored;
                await app.serviceManager.contents.save(path, {type: "notebook", format: "json", content});
                await app.commands.execute("docmanager:open", {path});
            }""",
            {"path": path, "content": content},
        )
    page.wait_for_function(
        """([path, n]) => {
            const w = window.jupyterapp.shell.currentWidget;
            return w && w.context && w.context.path === path && w.content && w.content.model
                && w.content.model.cells.length >= n && w.sessionContext;
        }""",
        arg=[path, n_cells],
        timeout=APP_TIMEOUT,
    )


RUN_CELLS_JS = """
({first, last, ids}) => {
    const app = window.jupyterapp;
    const panel = app.shell.currentWidget;
    const nb = panel.content;
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    const state = (window.__nprlRun = {done: false, error: null, ran: [], started: performance.now()});
    (async () => {
        await panel.sessionContext.ready;
        for (let i = first; i <= last; i++) {
            const model = nb.model.cells.get(i);
            if (ids && model.id !== ids[i]) throw new Error(`cell ${i + 1} is ${model.id}, expected ${ids[i]}`);
            if (model.type !== "code") continue;
            nb.activeCellIndex = i;
            const t0 = performance.now();
            await app.commands.execute("notebook:run-cell");
            while (model.executionCount === null) await sleep(100);
            // The reply has come; let the kernel report idle before the next request.
            const kernel = () => panel.sessionContext.session && panel.sessionContext.session.kernel;
            while (kernel() && kernel().status !== "idle") await sleep(50);
            const cell = model.toJSON();
            state.ran.push({index: i, seconds: (performance.now() - t0) / 1000, cell});
            if ((cell.outputs || []).some((o) => o.output_type === "error")) break;
        }
    })().then(
        () => { state.done = true; },
        (e) => { state.error = String((e && e.stack) || e); state.done = true; },
    );
}
"""


def run_cells(page, first: int, last: int, ids: list[str], *, timeout=RUN_TIMEOUT) -> list[dict]:
    """Run the code cells `first`..`last` (0-based, inclusive) one after another with
    JupyterLab's `notebook:run-cell`, stopping after a cell that raised; return
    ``[{"index", "seconds", "cell"}]`` with each cell as nbformat JSON (its outputs)."""
    page.evaluate(RUN_CELLS_JS, {"first": first, "last": last, "ids": ids})
    page.wait_for_function("() => window.__nprlRun.done", timeout=timeout, polling=1000)
    state = page.evaluate("() => window.__nprlRun")
    assert state["error"] is None, f"driving JupyterLab failed: {state['error']}"
    return state["ran"]


def cell_text(cell: dict) -> str:
    """What a cell printed and displayed (text/plain), and its error, as one string."""
    parts = []
    for out in cell.get("outputs", []):
        kind = out["output_type"]
        if kind == "stream":
            parts.append(out["text"] if isinstance(out["text"], str) else "".join(out["text"]))
        elif kind in ("execute_result", "display_data"):
            data = out.get("data", {}).get("text/plain", "")
            parts.append(data if isinstance(data, str) else "".join(data))
        elif kind == "error":
            tb = ANSI.sub("", "\n".join(out.get("traceback") or []))
            parts.append(f"{out['ename']}: {out['evalue']}\n{tb}")
    return "".join(parts)


def cell_error(slug: str, ran: dict) -> str | None:
    """ "<notebook>, cell N (id) raised E: message" and its traceback, or None."""
    errors = [o for o in ran["cell"].get("outputs", []) if o["output_type"] == "error"]
    if not errors:
        return None
    tb = ANSI.sub("", "\n".join(errors[0].get("traceback") or []))
    return (
        f"{slug}.ipynb, cell {ran['index'] + 1} ({ran['cell'].get('id')}) raised "
        f"{errors[0]['ename']}: {errors[0]['evalue']}\n" + "\n".join(tb.splitlines()[-12:])
    )


def test_whole_notebook_runs_in_jupyterlite(page, site_url, built_site, traffic):
    """Every code cell of one notebook, reference solutions filled in, in real JupyterLite."""
    from builder.course import load_course
    from builder.notebooks import BROWSER_MESSAGE
    from tests.test_notebooks_pyodide import ROOT, SUMMARY, filled

    seen, outside = traffic
    course = load_course(ROOT)
    slug = WHOLE_NOTEBOOK
    text = (built_site / "notebooks" / f"{slug}.ipynb").read_text(encoding="utf-8")
    nb = filled(text, course)
    ids = [c["id"] for c in nb["cells"]]
    started = time.monotonic()
    open_in_app(page, site_url, f"filled-{slug}.ipynb", nb, n_cells=len(nb["cells"]))
    ran = run_cells(page, 0, len(nb["cells"]) - 1, ids)
    seconds = time.monotonic() - started
    code = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"]
    problems = [e for e in (cell_error(slug, r) for r in ran) if e]
    assert not problems, "\n\n".join(problems)
    assert [r["index"] for r in ran] == code, f"{slug}: not every code cell ran"
    checks = torch_cells = 0
    for r in ran:
        meta = r["cell"]["metadata"].get("nprl", {})
        out = cell_text(r["cell"])
        where = f"{slug}.ipynb, cell {r['index'] + 1}"
        if "check" in meta:
            checks += 1
            points = course.exercises[meta["check"]]["points"]
            m = SUMMARY.search(out)
            assert m and m.groups() == ("All tests passed", str(points), str(points)), (
                f"{where}: check({meta['check']!r}) with the reference solution printed:\n{out}"
            )
        if meta.get("torch"):
            torch_cells += 1
            assert BROWSER_MESSAGE[0] in out, f"{where}: the PyTorch cell printed:\n{out}"
    assert checks == sum(1 for b in course.exercises.values() if b["page"] == slug)
    assert torch_cells > 0, f"{slug}: expected PyTorch cells in the notebook"
    slowest = max(ran, key=lambda r: r["seconds"])
    print(
        f"{slug} in JupyterLite: {len(ran)} code cells in {seconds:.0f} s, kernel start "
        f"included (slowest: cell {slowest['index'] + 1}, {slowest['seconds']:.1f} s)"
    )
    assert any(u.endswith("/pyodide/pyodide.asm.wasm") for u in seen), "the site's Pyodide"
    assert not outside, f"requests left 127.0.0.1: {outside}"
