"""The site's JupyterLite: a generated notebook opens, its check cell grades, nothing leaves 127.0.0.1.

Uses the browser conftest's fixtures: `site_url` serves the site built once per session
(`built_site`), `page`/`context` come from pytest-playwright with Debian's Chromium.
"""

from __future__ import annotations

import json
import re
import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import Exercise, exercise_folder

KERNEL_TIMEOUT = 180_000  # first start: Pyodide, NumPy, IPython and the grader from the lock
CHECK_TIMEOUT = 120_000


@pytest.fixture(scope="module")
def ex() -> Exercise:
    return Exercise(exercise_folder())


@pytest.fixture
def traffic(context, site_url):
    """Every request of every page and worker of this browser context, and a block on the
    outside world: anything not for the test server is recorded and aborted."""
    seen: list[str] = []
    outside: list[str] = []
    origin = urlsplit(site_url).netloc
    context.on("request", lambda request: seen.append(request.url))

    def leaves(url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme not in ("data", "blob") and parts.netloc != origin

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
    expect(
        page.locator(".jp-Notebook .jp-Cell").filter(has_text=f'check("{ex.id}")')
    ).to_have_count(1)
    assert not outside, f"requests left 127.0.0.1: {outside}"
