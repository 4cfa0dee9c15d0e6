#!/usr/bin/env python3
"""Time the student site in headless Chromium and print every number (targets are not asserted).

    python bench/bench_site.py [--site _site] [--build] [--runs 5] [--checks 20] [--lite-runs 3]

Measured from navigation start (the page's performance.now()):
- editor usable: the CodeMirror editor of the exercise named in the URL hash exists and
  accepts typing (each cold run then types into it and checks the text changed); also
  printed: editor painted, when the first frame after its creation has been rendered;
- Python + NumPy + grader ready: the worker answered "ready" (NumPy imported, grader.entry
  looked up).
Cold = a fresh browser profile per run (empty HTTP cache, no compiled Wasm); warm = one
persistent profile (launch_persistent_context) filled by a first visit, then relaunched for
each run (HTTP cache and V8's compiled Wasm kept). Check latency: N Checks of the reference
solution in a warm page (the first Check, which fetches the bundle, is not counted).
JupyterLite: navigation to the REPL printing after `import numpy`, fresh profile per run, when
<site>/jupyter/ exists; the ratio is its median over the median cold ready time of the site.
Medians are reported with every single run, plus the machine's load average before and after.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from builder.serve import serve_in_thread  # noqa: E402
from tests.browser.chromium import LAUNCH_ARGS, find_chromium  # noqa: E402
from tests.browser.helpers import Exercise, exercise_folder  # noqa: E402

TARGETS = {"editor": 0.5, "ready_cold": 3.0, "ratio": 4.0, "check": 0.150}
LITE_TIMEOUT_MS = 120_000


def open_exercise(context, url: str, ex: Exercise, *, type_check: bool) -> dict:
    """Navigate to the exercise page; seconds from navigation start to editor / Python ready."""
    page = context.new_page()
    page.goto(f"{url}{ex.slug}.html#ex-{ex.id}")
    page.wait_for_function(
        "window.nprlTimings && window.nprlTimings.editor !== undefined", timeout=60_000
    )
    if type_check:  # "usable" means it takes typing: prove it on this very editor
        section = page.locator(f"section#ex-{ex.id}")
        before = page.evaluate("id => window.nprlWidgets.find((w) => w.id === id).code", ex.id)
        section.locator(".cm-content").click()
        page.keyboard.press("Control+End")
        page.keyboard.type("#")
        after = page.evaluate("id => window.nprlWidgets.find((w) => w.id === id).code", ex.id)
        if after != before + "#":
            raise SystemExit(f"the editor of {ex.id} did not take typing: {after[-40:]!r}")
    page.wait_for_selector("body[data-python=ready]", timeout=180_000)
    t = page.evaluate("window.nprlTimings")
    page.close()
    painted = t.get("editorPainted")  # None on builds older than this measurement
    return {
        "editor": t["editor"] / 1000,
        "painted": painted / 1000 if painted is not None else None,
        "ready": t["python"] / 1000,
    }


def check_latency(context, url: str, ex: Exercise, n: int) -> list[float]:
    page = context.new_page()
    page.goto(f"{url}{ex.slug}.html#ex-{ex.id}")
    page.wait_for_selector("body[data-python=ready]", timeout=180_000)
    page.evaluate(
        "([id, code]) => { window.nprlWidgets.find((w) => w.id === id).editor.value = code; }",
        [ex.id, ex.solution],
    )
    script = """async (id) => {
        const w = window.nprlWidgets.find((w) => w.id === id);
        const t0 = performance.now();
        await w.run("check");
        return [performance.now() - t0, w.work.last_result.passed];
    }"""
    times = []
    for i in range(n + 1):
        ms, passed = page.evaluate(script, ex.id)
        if not passed:
            raise SystemExit(f"the reference solution of {ex.id} did not pass in the browser")
        if i:  # the first Check also fetches the bundle and compiles the tests: not counted
            times.append(ms / 1000)
    page.close()
    return times


def jupyterlite_ready(context, url: str) -> float:
    """Seconds from navigation to the JupyterLite kernel printing after `import numpy`."""
    page = context.new_page()
    log: list[str] = []
    page.on("console", lambda msg: log.append(f"{msg.type}: {msg.text[:300]}"))
    page.on(
        "worker",
        lambda w: w.on("console", lambda msg: log.append(f"worker {msg.type}: {msg.text[:300]}")),
    )
    code = "import numpy as np; print('kernel-ready', np.__version__)"
    t0 = time.perf_counter()
    page.goto(f"{url}jupyter/repl/index.html?kernel=python&toolbar=1&code={code}")
    # The output line (the echoed input also contains the marker, not the version).
    try:
        page.locator(".jp-OutputArea-output", has_text="kernel-ready 2.").first.wait_for(
            timeout=LITE_TIMEOUT_MS
        )
    except Exception:
        fd, name = tempfile.mkstemp(prefix="nprl-bench-lite-", suffix=".png")
        os.close(fd)
        shot = Path(name)
        page.screenshot(path=str(shot))
        print("JupyterLite console, last lines:", *log[-25:], f"screenshot: {shot}", sep="\n  ")
        raise
    return time.perf_counter() - t0


def fmt(seconds: float | None, target: float | None = None, *, ms: bool = False) -> str:
    if seconds is None:
        return "n/a"
    text = f"{seconds * 1000:.0f} ms" if ms else f"{seconds:.2f} s"
    if target is not None:
        ok = seconds <= target
        text += f"   (target < {target * 1000:.0f} ms" if ms else f"   (target < {target:g} s"
        text += ", met)" if ok else ", NOT met)"
    return text


def runs_text(values: list[float | None]) -> str:
    return "[" + ", ".join("n/a" if v is None else f"{v:.2f}" for v in values) + "]"


def load_text() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--site", type=Path, default=ROOT / "_site")
    parser.add_argument("--build", action="store_true", help="build the site first")
    parser.add_argument("--runs", type=int, default=5, help="cold and warm page loads (default 5)")
    parser.add_argument("--checks", type=int, default=20)
    parser.add_argument("--lite-runs", type=int, default=3, help="JupyterLite cold loads (0 skips)")
    args = parser.parse_args(argv)
    if args.build or not (args.site / "index.html").is_file():
        import build

        build.build(args.site.resolve(), prove=False)
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    chromium = find_chromium()
    ex = Exercise(exercise_folder())
    print(f"exercise: {ex.id} (page {ex.slug}), site: {args.site}, {os.cpu_count()} CPUs")
    print(f"before: {load_text()}", flush=True)
    server, url = serve_in_thread(args.site.resolve())
    cold, warm, lite = [], [], []
    lite_failures = 0
    with tempfile.TemporaryDirectory(prefix="nprl-bench-") as tmp, sync_playwright() as pw:

        def launch(profile: Path):
            return pw.chromium.launch_persistent_context(
                str(profile), executable_path=chromium, args=LAUNCH_ARGS, headless=True
            )

        for i in range(args.runs):  # a fresh profile each time: nothing cached
            context = launch(Path(tmp) / f"cold-{i}")
            cold.append(open_exercise(context, url, ex, type_check=True))
            context.close()
        warm_profile = Path(tmp) / "warm"
        context = launch(warm_profile)
        open_exercise(context, url, ex, type_check=False)  # fills the cache; not counted
        context.close()
        for _ in range(args.runs):  # a new browser on the same profile: HTTP + code cache
            context = launch(warm_profile)
            warm.append(open_exercise(context, url, ex, type_check=False))
            context.close()
        context = launch(warm_profile)
        checks = check_latency(context, url, ex, args.checks)
        context.close()
        if (args.site / "jupyter").is_dir():
            for i in range(args.lite_runs):
                context = launch(Path(tmp) / f"lite-{i}")
                try:
                    lite.append(jupyterlite_ready(context, url))
                except PlaywrightTimeout:  # reported, not hidden: the ratio uses the others
                    lite_failures += 1
                    print(
                        f"JupyterLite run {i + 1}: no output within {LITE_TIMEOUT_MS // 1000} s",
                        flush=True,
                    )
                finally:
                    context.close()
    server.shutdown()
    server.server_close()

    def med(rows, key):
        values = [r[key] for r in rows if r[key] is not None]
        return statistics.median(values) if values else None

    print(f"after:  {load_text()}")
    for name, rows in (("cold", cold), ("warm", warm)):
        print(
            f"per run (s), {name}: editor",
            runs_text([r["editor"] for r in rows]),
            "painted",
            runs_text([r["painted"] for r in rows]),
            "ready",
            runs_text([r["ready"] for r in rows]),
        )
    if lite or lite_failures:
        print("per run (s), JupyterLite ready", runs_text(lite), f"({lite_failures} timed out)")
    check = statistics.median(checks)
    ready_cold = med(cold, "ready")
    lite_med = statistics.median(lite) if lite else None
    n = args.runs
    print(
        f"navigation -> editor usable, cold (median of {n}):  {fmt(med(cold, 'editor'), TARGETS['editor'])}"
    )
    print(
        f"navigation -> editor usable, warm (median of {n}):  {fmt(med(warm, 'editor'), TARGETS['editor'])}"
    )
    print(
        f"navigation -> editor painted, cold / warm:         {fmt(med(cold, 'painted'))} / {fmt(med(warm, 'painted'))}"
    )
    print(
        f"navigation -> Python+NumPy+grader ready, cold:     {fmt(ready_cold, TARGETS['ready_cold'])}"
    )
    print(f"navigation -> Python+NumPy+grader ready, warm:     {fmt(med(warm, 'ready'))}")
    print(
        f"Check latency, median of {len(checks)}:                  {fmt(check, TARGETS['check'], ms=True)}"
        f"   (min {min(checks) * 1000:.0f} ms, max {max(checks) * 1000:.0f} ms)"
    )
    print(
        f"navigation -> JupyterLite kernel ready, cold:      {fmt(lite_med)}"
        + (f"   (median of {len(lite)})" if lite else "")
    )
    if lite_med is None:
        print(
            "JupyterLite / site ready ratio:                    n/a (no jupyter/ in the site or --lite-runs 0)"
        )
    else:
        ratio = lite_med / ready_cold
        met = "met" if ratio >= TARGETS["ratio"] else "NOT met"
        print(
            f"JupyterLite / site ready ratio (cold medians):     {ratio:.1f}x   (target >= 4x, {met})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
