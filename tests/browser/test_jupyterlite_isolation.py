"""The site is cross-origin isolated everywhere but in JupyterLite, and there cells finish.

Cross-origin isolated, jupyterlite-pyodide-kernel 0.6.1 talks to its worker through
"coincident" (SharedArrayBuffer, Atomics.waitAsync), and some execute requests never
complete: the page throws "value.then is not a function" when the worker has answered
before the page waits (builder/serve.py's docstring), the cell's output arrives but it stays
at `[*]` (measured before the fix: 9 of 12 probes of 5-7 one-line cells hung). So the
isolated server (`site_url`, what `make serve` runs), `_headers` (Netlify, Cloudflare Pages)
and deploy.md's server configurations leave `jupyter/` out of the isolation, and sw.js
never answers for it. Here, in Chromium:

- an exercise page has COOP/COEP and `crossOriginIsolated`, its link opens JupyterLite in
  the same tab, and JupyterLite's page is not isolated;
- seven one-line cells sent at once all get their execution count in JupyterLite;
- `_headers` served the way each host merges two rules for one path still isolates the
  course's pages and not JupyterLite's.
"""

from __future__ import annotations

import functools
import re
import threading
import time
from http.server import SimpleHTTPRequestHandler

import pytest
from playwright.sync_api import expect

from builder import offline
from builder.serve import SiteHandler, SiteServer, url_of
from tests.browser import test_jupyterlite as lite
from tests.test_serve_isolation import effective_headers, parse_headers_file

CELLS = 7
traffic = lite.traffic  # the fixtures, under their own names
ex = lite.ex


def _isolation_headers(response) -> dict[str, str | None]:
    return {
        name: response.header_value(name)
        for name in ("cross-origin-opener-policy", "cross-origin-embedder-policy")
    }


def test_exercise_page_is_isolated_and_its_jupyterlite_link_is_not(page, site_url, ex, traffic):
    _, outside = traffic
    response = page.goto(f"{site_url}{ex.slug}.html")
    assert _isolation_headers(response) == {
        "cross-origin-opener-policy": "same-origin",
        "cross-origin-embedder-policy": "require-corp",
    }
    assert page.evaluate("crossOriginIsolated") is True, "the exercise page is not isolated"
    # JupyterLite is opened, never embedded: an isolated page could not frame it.
    frames = page.locator("iframe[src*='jupyter/'], frame, object, embed")
    assert frames.count() == 0, "the exercise page embeds something from jupyter/"
    link = page.locator(f'a[href="jupyter/lab/index.html?path={ex.slug}.ipynb"]')
    expect(link).to_have_count(1)
    assert link.get_attribute("target") in (None, "_self"), "expected a same-tab link"
    with page.expect_response(re.compile(r"/jupyter/lab/index\.html\?path=")) as opened:
        link.click()
    assert _isolation_headers(opened.value) == {
        "cross-origin-opener-policy": None,
        "cross-origin-embedder-policy": None,
    }
    page.wait_for_url(re.compile(r"/jupyter/lab/"))
    expect(page.locator(".jp-Notebook .jp-Cell").first).to_be_visible(timeout=60_000)
    assert page.evaluate("crossOriginIsolated") is False, "JupyterLite is isolated"
    assert not outside, f"requests left 127.0.0.1: {outside}"


def test_one_line_cells_all_finish_in_jupyterlite(page, site_url, traffic):
    """Seven cells queued at once (the case that hung): every one gets its execution count."""
    _, outside = traffic
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    source = [f"print('cell', {i}, {i} * {i})" for i in range(CELLS)]
    nb = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python", "display_name": "Python (Pyodide)"}},
        "cells": [
            {
                "cell_type": "code",
                "id": f"probe-{i}",
                "metadata": {},
                "execution_count": None,
                "outputs": [],
                "source": text,
            }
            for i, text in enumerate(source)
        ],
    }
    lite.open_in_app(page, site_url, "isolation-probe.ipynb", nb, n_cells=CELLS)
    assert page.evaluate("crossOriginIsolated") is False, "JupyterLite is isolated"
    page.evaluate(
        """async (n) => {
            const panel = window.jupyterapp.shell.currentWidget;
            await panel.sessionContext.ready;
            for (let i = 0; i < n; i++) {
                panel.content.activeCellIndex = i;
                // Not awaited: the requests queue up in the kernel, as when a student
                // presses Shift+Enter down the notebook.
                window.jupyterapp.commands.execute("notebook:run-cell");
            }
        }""",
        CELLS,
    )
    state_js = """() => {
        const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
        return Array.from({length: cells.length}, (_, i) => cells.get(i).toJSON());
    }"""
    # The first count waits for the kernel's start; one-line cells then take well under a
    # second each, so a count still missing a minute after the first one has hung.
    started = time.monotonic()
    page.wait_for_function(
        "() => window.jupyterapp.shell.currentWidget.content.model.cells.get(0).executionCount",
        timeout=lite.KERNEL_TIMEOUT,
    )
    first = time.monotonic()
    deadline = first + 60
    while True:
        cells = page.evaluate(state_js)
        counts = [c["execution_count"] for c in cells]
        if all(n is not None for n in counts) or time.monotonic() > deadline:
            break
        page.wait_for_timeout(500)
    assert all(n is not None for n in counts), (
        f"cells without an execution count 60 s after the first one: {counts} "
        f"(page errors: {errors or 'none'})"
    )
    assert len(set(counts)) == CELLS, f"expected {CELLS} distinct execution counts: {counts}"
    for i, cell in enumerate(cells):
        text = lite.cell_text(cell)
        assert text == f"cell {i} {i * i}\n", f"cell {i + 1} printed {text!r}"
    print(
        f"{CELLS} cells: kernel start {first - started:.0f} s, then "
        f"{time.monotonic() - first:.1f} s for the rest"
    )
    assert not [e for e in errors if "then is not a function" in e], errors
    assert not outside, f"requests left 127.0.0.1: {outside}"


# ------------------------------------------------------------------- _headers, as hosts read it


class HostHandler(SiteHandler):
    """The built site served with its own `_headers` applied, as Netlify or Cloudflare Pages
    would (server.merge: "later" or "join", tests/test_serve_isolation.py)."""

    def end_headers(self) -> None:
        path = self.path.split("?", 1)[0]
        for name, value in effective_headers(self.server.rules, path, self.server.merge).items():
            self.send_header(name, value)
        SimpleHTTPRequestHandler.end_headers(self)


@pytest.fixture(params=["later", "join"])
def host_url(request, built_site):
    text = (built_site / offline.HEADERS_NAME).read_text(encoding="utf-8")
    assert text == offline.HEADERS, f"{built_site}/_headers is not this build's (rebuild it)"
    server = SiteServer(("127.0.0.1", 0), functools.partial(HostHandler, directory=str(built_site)))
    server.verbose, server.offline, server.plain, server.isolated = False, False, True, False
    server.rules, server.merge = parse_headers_file(text), request.param
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url_of(server)
    server.shutdown()
    server.server_close()


def test_headers_file_isolates_the_course_and_not_jupyterlite(page, host_url, ex):
    response = page.goto(f"{host_url}{ex.slug}.html")
    assert page.evaluate("crossOriginIsolated") is True, (
        f"{ex.slug}.html is not isolated with {_isolation_headers(response)}"
    )
    response = page.goto(f"{host_url}jupyter/lab/index.html", wait_until="domcontentloaded")
    assert "unsafe-none" in (response.header_value("cross-origin-opener-policy") or "")
    assert page.evaluate("crossOriginIsolated") is False, (
        f"jupyter/ is isolated with {_isolation_headers(response)}"
    )
