#!/usr/bin/env python3
"""Time the student site in headless Chromium and print the numbers (targets are not asserted).

    python bench/bench_site.py [--site _site] [--build] [--checks 20]

Prints: navigation -> editor usable; navigation -> Python + NumPy + grader ready (cold: a
fresh browser profile; warm: the same profile relaunched, so the HTTP cache is filled);
Check latency (median of N); and navigation -> JupyterLite kernel ready (REPL runs
`import numpy`) when <site>/jupyter/ exists, with its ratio to the site's cold start.
"""

from __future__ import annotations

import argparse
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


def open_exercise(context, url: str, ex: Exercise) -> dict:
    """Navigate to the exercise page; return seconds from navigation start to editor/ready."""
    page = context.new_page()
    page.goto(f"{url}{ex.slug}.html#ex-{ex.id}")
    page.wait_for_selector("body[data-python=ready]", timeout=180_000)
    t = page.evaluate("window.nprlTimings")
    page.close()
    return {"editor": t["editor"] / 1000, "ready": t["python"] / 1000}


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


def jupyterlite_ready(pw, chromium: str, url: str, profile: Path) -> float:
    """Seconds from navigation to the JupyterLite kernel printing after `import numpy`."""
    context = pw.chromium.launch_persistent_context(
        str(profile), executable_path=chromium, args=LAUNCH_ARGS, headless=True
    )
    try:
        page = context.new_page()
        code = "import numpy as np; print('kernel-ready', np.__version__)"
        t0 = time.perf_counter()
        page.goto(f"{url}jupyter/repl/index.html?kernel=python&toolbar=1&code={code}")
        # The output line (the echoed input also contains the marker, not the version).
        page.locator(".jp-OutputArea-output", has_text="kernel-ready 2.").first.wait_for(
            timeout=300_000
        )
        return time.perf_counter() - t0
    finally:
        context.close()


def fmt(seconds: float | None, target: float | None = None, *, ms: bool = False) -> str:
    if seconds is None:
        return "n/a"
    text = f"{seconds * 1000:.0f} ms" if ms else f"{seconds:.2f} s"
    if target is not None:
        ok = seconds <= target
        text += f"   (target < {target * 1000:.0f} ms" if ms else f"   (target < {target:g} s"
        text += ", met)" if ok else ", NOT met)"
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "_site")
    parser.add_argument("--build", action="store_true", help="build the site first")
    parser.add_argument("--checks", type=int, default=20)
    args = parser.parse_args(argv)
    if args.build or not (args.site / "index.html").is_file():
        import build

        build.build(args.site.resolve(), prove=False)
    from playwright.sync_api import sync_playwright

    chromium = find_chromium()
    ex = Exercise(exercise_folder())
    server, url = serve_in_thread(args.site.resolve())
    with tempfile.TemporaryDirectory(prefix="nprl-bench-") as tmp, sync_playwright() as pw:
        profile = Path(tmp) / "profile"

        def launch():
            return pw.chromium.launch_persistent_context(
                str(profile), executable_path=chromium, args=LAUNCH_ARGS, headless=True
            )

        context = launch()
        cold = open_exercise(context, url, ex)
        context.close()
        context = launch()  # same profile: HTTP cache (and compiled Wasm) kept
        warm_runs = [open_exercise(context, url, ex) for _ in range(3)]
        checks = check_latency(context, url, ex, args.checks)
        context.close()
        lite = None
        if (args.site / "jupyter").is_dir():
            lite = jupyterlite_ready(pw, chromium, url, Path(tmp) / "lite-profile")
    server.shutdown()

    warm = {k: statistics.median(r[k] for r in warm_runs) for k in ("editor", "ready")}
    check = statistics.median(checks)
    ratio = lite / cold["ready"] if lite is not None else None
    print(f"exercise: {ex.id} (page {ex.slug}), site: {args.site}")
    print(f"navigation -> editor usable (cold):            {fmt(cold['editor'], TARGETS['editor'])}")
    print(f"navigation -> editor usable (warm):            {fmt(warm['editor'], TARGETS['editor'])}")
    print(f"navigation -> Python+NumPy+grader ready, cold: {fmt(cold['ready'], TARGETS['ready_cold'])}")
    print(f"navigation -> Python+NumPy+grader ready, warm: {fmt(warm['ready'])}")
    print(f"Check latency, median of {len(checks)}:              {fmt(check, TARGETS['check'], ms=True)}"
          f"   (min {min(checks) * 1000:.0f} ms, max {max(checks) * 1000:.0f} ms)")
    print(f"navigation -> JupyterLite kernel ready, cold:  {fmt(lite)}")
    if ratio is None:
        print("JupyterLite / site ready ratio:                n/a (no jupyter/ in the site)")
    else:
        met = "met" if ratio >= TARGETS["ratio"] else "NOT met"
        print(f"JupyterLite / site ready ratio:                {ratio:.1f}x   (target >= 4x, {met})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
