"""What the site benchmarks (bench_site.py, bench_stop.py) share: page steps, Stop rounds, errors.

A page that breaks (Python never ready, the offline copy never stored, a Stop not shown)
ends the benchmark with one line naming the step, not a Playwright traceback: see `step`.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PYTHON_TIMEOUT_MS = 180_000
EDITOR_TIMEOUT_MS = 60_000
STORED_TIMEOUT_MS = 180_000


class BenchError(Exception):
    """A page did not do what the benchmark needs; the message says what came instead."""


@contextmanager
def step(what: str):
    """Turn a broken page inside this block into a one-line exit naming `what`."""
    try:
        yield
    except (BenchError, PlaywrightError) as exc:
        lines = str(exc).strip().splitlines() or [type(exc).__name__]
        raise SystemExit(f"{Path(sys.argv[0]).stem}: {what}: {lines[0]}") from None


def load_text() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


def wait_python(page) -> None:
    """Wait until the worker answered "ready"; BenchError if it failed or never answered."""
    try:
        page.wait_for_selector(
            "body[data-python=ready], body[data-python=error]", timeout=PYTHON_TIMEOUT_MS
        )
    except PlaywrightTimeout:
        state = page.evaluate("document.body.dataset.python")
        raise BenchError(
            f"{page.url}: Python not ready after {PYTHON_TIMEOUT_MS // 1000} s "
            f"(body data-python={state!r})"
        ) from None
    if page.evaluate("document.body.dataset.python") == "error":
        text = page.locator('[data-role="runtime"]').first.text_content() or "no message"
        raise BenchError(f"{page.url}: {text.strip()}")


def open_ready(context, url: str, ex):
    """A new page of the exercise, with Python ready and every editor of the page created."""
    page = context.new_page()
    page.goto(f"{url}{ex.slug}.html#ex-{ex.id}")
    wait_python(page)
    try:
        page.wait_for_selector("body[data-editor=ready]", timeout=EDITOR_TIMEOUT_MS)
    except PlaywrightTimeout:
        raise BenchError(
            f"{page.url}: the editors not all created after {EDITOR_TIMEOUT_MS // 1000} s"
        ) from None
    return page


def wait_stored(page) -> None:
    """Wait until the page's footer says the offline copy (sw.js) is stored."""
    footer = "footer[data-role=offline]"
    try:
        page.wait_for_selector(
            f"{footer}[data-state=stored], {footer}[data-state=failed]", timeout=STORED_TIMEOUT_MS
        )
    except PlaywrightTimeout:
        state = page.evaluate(
            "s => { const f = document.querySelector(s); return f && f.dataset.state; }", footer
        )
        raise BenchError(
            f"{page.url}: the offline copy not stored after {STORED_TIMEOUT_MS // 1000} s "
            f"(footer data-state={state!r})"
        ) from None
    if page.get_attribute(footer, "data-state") == "failed":
        raise BenchError(f"{page.url}: {page.locator(footer).inner_text().strip()}")


STOP_ROUNDS = """async ([id, rounds, spare]) => {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const w = window.nprlWidgets.find((x) => x.id === id);
  const rt = window.nprlRuntime;
  if (!spare) { rt.spareEnabled = false; rt.dropSpare(); }
  const out = [];
  for (let i = 0; i < rounds; i++) {
    w.editor.value = "while True:\\n    pass\\n";
    const running = w.run("run");
    while (!(rt.current && rt.current.state === "started")) await sleep(5);
    const loopAt = performance.now();
    await sleep(300);
    if (rt.spareEnabled) while (!(rt.spare && rt.spare.state === "ready")) await sleep(10);
    const spareWait = performance.now() - loopAt;
    const t0 = performance.now();
    w.job.cancel();
    await running;
    const stopped = performance.now() - t0;
    if (w.output.dataset.stopped !== "true") throw new Error("the loop was not shown as stopped");
    w.editor.value = "print('back')\\n";
    await w.run("run");
    const next = performance.now() - t0;
    const text = w.output.querySelector(".out-stdout");
    if (!text || text.textContent !== "back\\n") throw new Error("the Run after Stop printed " + (text && text.textContent));
    out.push({ stopped, next, spareWait });
  }
  return { out, stats: rt.stats, isolated: crossOriginIsolated };
}"""


def stop_rounds(context, url: str, ex, rounds: int, *, spare: bool = True) -> dict:
    """Run an endless loop, Stop it after 0.3 s, Run a print; `rounds` times in one page.

    Returns {"out": [{"stopped", "next", "spareWait"} in ms per round], "stats": the
    runtime's worker counts, "isolated": crossOriginIsolated}. With a spare worker (pages
    that are not isolated) each Stop waits until the spare is ready, the usual case of a
    loop that has run for a few seconds.
    """
    page = open_ready(context, url, ex)
    found = page.evaluate(STOP_ROUNDS, [ex.id, rounds, spare])
    page.close()
    return found
