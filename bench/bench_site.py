#!/usr/bin/env python3
"""Time the student site in headless Chromium on both kinds of server; print every number.

    python bench/bench_site.py [--site _site] [--build] [--runs 5] [--checks 20] [--lite-runs 3]
                               [--servers isolated,plain] [--stops 5] [--no-stop]

Servers (builder.serve on 127.0.0.1, a new one per kind):
- isolated: as `build.py serve` runs it, COOP/COEP sent: every page is cross-origin isolated;
- plain: no header of its own, like a static host that cannot send any: a first visit is
  not isolated; once the offline copy is stored, sw.js answers and adds the headers.
Visits, one row each per server, all with the exercise the browser tests use:
- first visit: a fresh browser profile per run (no HTTP cache, no compiled Wasm, no service
  worker); each run also types into the editor and checks that the text changed;
- second visit: one profile filled by a first visit that waited until the page's footer said
  the offline copy is stored, then a new browser on that profile per run: sw.js controls the
  page (its Cache Storage, the HTTP cache and V8's compiled code kept);
- offline, new browser: the same profile with the server gone (builder.serve's `offline`:
  every request dropped unanswered) and the browser offline (context.set_offline(True))
  from its first page on, a new browser per run: a student opening the course on a train;
- offline, reload: the same, every run a new page in one browser that has opened the
  page offline once already (not counted).
Timings, from navigation start (the page's performance.now()), medians with every value:
- editor usable: the CodeMirror editor of the exercise named in the URL hash exists and
  takes typing; editor painted: the first frame after its creation has been rendered;
- Python ready: the worker answered "ready" (NumPy imported, grader.entry looked up);
- Check: --checks Checks of the reference solution in one page (the first, which fetches the
  bundle and compiles the tests, is not counted);
- Stop -> "Stopped" shown and Stop -> the next Run's result: bench_stop.py's rounds (an
  endless loop run 0.3 s, Stop, then a print; on a page that is not isolated each Stop waits
  until the warm spare worker is ready, the usual case of a loop that ran a few seconds).
Check and Stop of a first visit run in a fresh profile with service workers blocked (the
offline copy, stored in the background after Python is ready, would load the machine while
they are timed); of a second visit in a new browser on the stored profile; of "offline,
reload" (Check only) in that row's browser. Columns isolated and sw: crossOriginIsolated,
and whether sw.js controlled the page, over the row's page loads.
JupyterLite: navigation to the REPL printing after `import numpy`, fresh profile per run, on
an isolated server, when <site>/jupyter/ exists; the ratio is its median over the site's
median first-visit Python ready (isolated server, else plain).
Also printed: the machine's load average before and after. Nothing is asserted (targets are
printed as met or NOT met); a broken page ends the run with one line naming the step.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _site_common import (  # noqa: E402
    EDITOR_TIMEOUT_MS,
    BenchError,
    PlaywrightTimeout,
    load_text,
    open_ready,
    step,
    stop_rounds,
    wait_python,
    wait_stored,
)

from builder.serve import serve_in_thread  # noqa: E402
from tests.browser.chromium import LAUNCH_ARGS, find_chromium  # noqa: E402
from tests.browser.helpers import Exercise, exercise_folder  # noqa: E402

KINDS = ("isolated", "plain")
TARGETS = {"editor": 0.5, "ready_first": 3.0, "ratio": 4.0, "check": 0.150}
LITE_TIMEOUT_MS = 120_000
PAGE_STATE = """() => ({
  isolated: crossOriginIsolated,
  controlled: Boolean(navigator.serviceWorker && navigator.serviceWorker.controller),
})"""


@dataclass
class Row:
    """One (server kind, visit): its page loads, Checks (s) and Stop rounds (ms)."""

    server: str
    visit: str
    loads: list[dict] = field(default_factory=list)
    checks: list[float] = field(default_factory=list)
    stops: list[dict] = field(default_factory=list)
    stop_stats: dict | None = None

    @property
    def name(self) -> str:
        return f"{self.server} server, {self.visit}"


def open_exercise(context, url: str, ex: Exercise, *, type_check: bool) -> dict:
    """Navigate to the exercise page; seconds from navigation start to editor / Python ready."""
    page = context.new_page()
    page.goto(f"{url}{ex.slug}.html#ex-{ex.id}")
    try:
        page.wait_for_function(
            "window.nprlTimings && window.nprlTimings.editor !== undefined",
            timeout=EDITOR_TIMEOUT_MS,
        )
    except PlaywrightTimeout:
        raise BenchError(
            f"{page.url}: the editor of {ex.id} not created after {EDITOR_TIMEOUT_MS // 1000} s"
        ) from None
    if type_check:  # "usable" means it takes typing: prove it on this very editor
        section = page.locator(f"section#ex-{ex.id}")
        before = page.evaluate("id => window.nprlWidgets.find((w) => w.id === id).code", ex.id)
        section.locator(".cm-content").click()
        page.keyboard.press("Control+End")
        page.keyboard.type("#")
        after = page.evaluate("id => window.nprlWidgets.find((w) => w.id === id).code", ex.id)
        if after != before + "#":
            raise BenchError(
                f"the editor of {ex.id} did not take typing: expected its text + '#', "
                f"got ...{after[-40:]!r}"
            )
    wait_python(page)
    t = page.evaluate("window.nprlTimings")
    state = page.evaluate(PAGE_STATE)
    page.close()
    painted = t.get("editorPainted")  # None on builds older than this measurement
    return {
        "editor": t["editor"] / 1000,
        "painted": painted / 1000 if painted is not None else None,
        "ready": t["python"] / 1000,
        **state,
    }


def check_latency(context, url: str, ex: Exercise, n: int) -> list[float]:
    """Seconds per Check of the reference solution, n times in one page (after one uncounted)."""
    page = open_ready(context, url, ex)
    page.evaluate(
        "([id, code]) => { window.nprlWidgets.find((w) => w.id === id).editor.value = code; }",
        [ex.id, ex.solution],
    )
    script = """async (id) => {
        const w = window.nprlWidgets.find((w) => w.id === id);
        const t0 = performance.now();
        await w.run("check");
        const r = w.work.last_result;
        return [performance.now() - t0, Boolean(r && r.passed), r ? r.score : null];
    }"""
    times = []
    for i in range(n + 1):
        ms, passed, score = page.evaluate(script, ex.id)
        if not passed:
            raise BenchError(
                f"the reference solution of {ex.id} did not pass in the browser "
                f"(Check {i + 1}: score {score})"
            )
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
    except PlaywrightTimeout:
        fd, name = tempfile.mkstemp(prefix="nprl-bench-lite-", suffix=".png")
        os.close(fd)
        page.screenshot(path=name)
        print("JupyterLite console, last lines:", *log[-25:], f"screenshot: {name}", sep="\n  ")
        raise
    return time.perf_counter() - t0


def measure_stop(row: Row, context, url: str, ex: Exercise, rounds: int) -> None:
    found = stop_rounds(context, url, ex, rounds)
    row.stops = found["out"]
    row.stop_stats = found["stats"]


def bench_server(launch, tmp: Path, site: Path, kind: str, ex: Exercise, args) -> list[Row]:
    """Every row of one kind of server; the server is made `offline` for the last two."""
    server, url = serve_in_thread(site, plain=kind == "plain")
    try:
        return measure_server(launch, tmp, server, url, kind, ex, args)
    finally:
        server.shutdown()
        server.server_close()


def measure_server(launch, tmp: Path, server, url: str, kind: str, ex: Exercise, args):
    def done(row: Row) -> Row:
        print(f"  measured: {row.name} ({load_text()})", flush=True)
        return row

    def checks_and_stops(row: Row, context) -> None:
        """Check latency, then Stop rounds, in one page of this context; then close it."""
        with step(f"{row.name}, Check"):
            row.checks = check_latency(context, url, ex, args.checks)
        if args.stops:
            with step(f"{row.name}, Stop"):
                measure_stop(row, context, url, ex, args.stops)
        context.close()
        done(row)

    first = Row(kind, "first visit")
    for i in range(args.runs):  # a fresh profile each time: nothing cached
        context = launch(tmp / f"{kind}-first-{i}")
        with step(f"{first.name}, load {i + 1}"):
            first.loads.append(open_exercise(context, url, ex, type_check=True))
        context.close()
    checks_and_stops(first, launch(tmp / f"{kind}-first-timed", service_workers="block"))

    stored = tmp / f"{kind}-stored"
    context = launch(stored)
    with step(f"{kind} server, storing the offline copy"):
        page = open_ready(context, url, ex)
        wait_stored(page)
        page.close()
    context.close()
    second = Row(kind, "second visit")
    for i in range(args.runs):  # a new browser on the same profile: sw.js, HTTP + code cache
        context = launch(stored)
        with step(f"{second.name}, load {i + 1}"):
            second.loads.append(open_exercise(context, url, ex, type_check=False))
        context.close()
    checks_and_stops(second, launch(stored))

    server.offline = True  # no answer at all from here on
    cold = Row(kind, "offline, new browser")
    for i in range(args.runs):
        context = launch(stored)
        context.set_offline(True)
        with step(f"{cold.name}, load {i + 1}"):
            cold.loads.append(open_exercise(context, url, ex, type_check=False))
        context.close()
    done(cold)
    warm = Row(kind, "offline, reload")
    context = launch(stored)
    context.set_offline(True)
    with step(f"{warm.name}, first offline page (not counted)"):
        open_exercise(context, url, ex, type_check=False)
    for i in range(args.runs):
        with step(f"{warm.name}, load {i + 1}"):
            warm.loads.append(open_exercise(context, url, ex, type_check=False))
    with step(f"{warm.name}, Check"):
        warm.checks = check_latency(context, url, ex, args.checks)
    context.close()
    return [first, second, cold, done(warm)]


# ---- the report ---------------------------------------------------------------------------


def cell(values: list[float | None], *, scale: float = 1.0, digits: int = 2) -> str:
    """'median [every value]', or '-' when nothing was measured."""
    found = [v * scale for v in values if v is not None]
    if not found:
        return "-"
    every = " ".join("n/a" if v is None else f"{v * scale:.{digits}f}" for v in values)
    return f"{statistics.median(found):.{digits}f} [{every}]"


def flag(values: list[bool]) -> str:
    return "yes" if all(values) else "no" if not any(values) else "mixed"


def median_of(row: Row, key: str) -> float | None:
    found = [r[key] for r in row.loads if r[key] is not None]
    return statistics.median(found) if found else None


def print_table(rows: list[Row]) -> None:
    head = [
        "server",
        "visit",
        "isolated",
        "sw",
        "editor usable (s)",
        "editor painted (s)",
        "Python ready (s)",
        "Check (ms)",
        "Stop -> Stopped (ms)",
        "Stop -> next result (ms)",
    ]
    body = []
    for row in rows:
        check = "-"
        if row.checks:
            ms = [c * 1000 for c in row.checks]
            check = f"{statistics.median(ms):.0f} ({min(ms):.0f}-{max(ms):.0f})"
        body.append(
            [
                row.server,
                row.visit,
                flag([r["isolated"] for r in row.loads]),
                flag([r["controlled"] for r in row.loads]),
                cell([r["editor"] for r in row.loads]),
                cell([r["painted"] for r in row.loads]),
                cell([r["ready"] for r in row.loads]),
                check,
                cell([s["stopped"] for s in row.stops], digits=0),
                cell([s["next"] for s in row.stops], digits=0),
            ]
        )
    widths = [max(len(r[i]) for r in [head, *body]) for i in range(len(head))]
    for line in [head, ["-" * w for w in widths], *body]:
        print("  ".join(text.ljust(w) for text, w in zip(line, widths)).rstrip())
    print("Check: median (min-max) over the counted Checks, every value below; '-': not measured.")
    for row in rows:
        if row.checks:
            print(f"  every Check (ms), {row.name}: {cell(row.checks, scale=1000, digits=0)}")
        if row.stop_stats:
            print(
                f"  Stop rounds, {row.name}: workers started {row.stop_stats['starts']}, "
                f"spares promoted {row.stop_stats['promotions']}"
            )


def verdict(value: float | None, target: float) -> str:
    return "n/a" if value is None else "met" if value <= target else "NOT met"


def verdicts(found: list[tuple[str, str]]) -> str:
    """'met on every row', or 'met: a, b; NOT met: c' from (row label, verdict) pairs."""
    groups: dict[str, list[str]] = {}
    for label, said in found:
        groups.setdefault(said, []).append(label)
    if len(groups) == 1:
        return f"{next(iter(groups))} on every row measured ({len(found)})"
    return "; ".join(f"{said}: {', '.join(labels)}" for said, labels in groups.items())


def label(row: Row) -> str:
    return f"{row.server}/{row.visit}"


def print_targets(rows: list[Row], lite: list[float], lite_failures: int, lite_ran: bool) -> None:
    print("targets (not asserted):")
    found = [(label(r), verdict(median_of(r, "editor"), TARGETS["editor"])) for r in rows]
    print(f"  editor usable < {TARGETS['editor']:g} s: {verdicts(found)}")
    firsts = [r for r in rows if r.visit == "first visit"]
    found = [(label(r), verdict(median_of(r, "ready"), TARGETS["ready_first"])) for r in firsts]
    print(f"  Python ready < {TARGETS['ready_first']:g} s, first visits: {verdicts(found)}")
    found = [
        (label(r), verdict(statistics.median(r.checks), TARGETS["check"])) for r in rows if r.checks
    ]
    print(f"  Check < {TARGETS['check'] * 1000:.0f} ms: {verdicts(found)}")
    if not lite_ran:
        print("  JupyterLite / site ready >= 4x: n/a (no jupyter/ in the site or --lite-runs 0)")
        return
    print(
        f"  JupyterLite ready, per run (s): {cell(lite)}"
        + (
            f" ({lite_failures} timed out after {LITE_TIMEOUT_MS // 1000} s)"
            if lite_failures
            else ""
        )
    )
    base = next((r for r in firsts if r.server == "isolated"), firsts[0] if firsts else None)
    base_ready = median_of(base, "ready") if base else None
    if not lite or base_ready is None:
        print("  JupyterLite / site ready >= 4x: n/a (no JupyterLite run finished)")
        return
    ratio = statistics.median(lite) / base_ready
    met = "met" if ratio >= TARGETS["ratio"] else "NOT met"
    print(
        f"  JupyterLite / site ready >= {TARGETS['ratio']:g}x: {statistics.median(lite):.2f} s / "
        f"{base_ready:.2f} s ({base.server} server, first visit) = {ratio:.1f}x, {met}"
    )


# ---- the command line ---------------------------------------------------------------------


def servers_arg(text: str) -> list[str]:
    kinds = [k.strip() for k in text.split(",") if k.strip()]
    wrong = [k for k in kinds if k not in KINDS]
    if wrong or not kinds:
        raise argparse.ArgumentTypeError(
            f"expected a comma-separated list of {', '.join(KINDS)}, got {text!r}"
        )
    return list(dict.fromkeys(kinds))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--site", type=Path, default=ROOT / "_site")
    parser.add_argument("--build", action="store_true", help="build the site first")
    parser.add_argument("--runs", type=int, default=5, help="page loads per row (default 5)")
    parser.add_argument("--checks", type=int, default=20, help="counted Checks per row")
    parser.add_argument("--lite-runs", type=int, default=3, help="JupyterLite cold loads (0 skips)")
    parser.add_argument(
        "--servers",
        type=servers_arg,
        default=list(KINDS),
        help="kinds of server, comma-separated (default isolated,plain)",
    )
    parser.add_argument("--stops", type=int, default=5, help="Stop rounds per row (0 skips)")
    parser.add_argument("--no-stop", action="store_true", help="skip the Stop rounds")
    args = parser.parse_args(argv)
    for name, low in (("runs", 1), ("checks", 1), ("stops", 0), ("lite_runs", 0)):
        if getattr(args, name) < low:
            parser.error(f"--{name.replace('_', '-')}: expected at least {low}")
    if args.no_stop:
        args.stops = 0
    site = args.site.resolve()
    if args.build or not (site / "index.html").is_file():
        import build

        build.build(site, prove=False)
    if not (site / "sw.js").is_file():
        raise SystemExit(
            f"{site / 'sw.js'}: missing (a build older than the offline copy); "
            "build again with --build"
        )
    from playwright.sync_api import sync_playwright

    chromium = find_chromium()
    ex = Exercise(exercise_folder())
    print(f"exercise: {ex.id} (page {ex.slug}), site: {site}, {os.cpu_count()} CPUs")
    print(f"before: {load_text()}", flush=True)
    rows: list[Row] = []
    lite: list[float] = []
    lite_failures = 0
    lite_ran = (site / "jupyter").is_dir() and args.lite_runs > 0
    with tempfile.TemporaryDirectory(prefix="nprl-bench-") as tmp, sync_playwright() as pw:

        def launch(profile: Path, **options):
            return pw.chromium.launch_persistent_context(
                str(profile), executable_path=chromium, args=LAUNCH_ARGS, headless=True, **options
            )

        for kind in args.servers:
            rows += bench_server(launch, Path(tmp), site, kind, ex, args)
        if lite_ran:
            server, url = serve_in_thread(site)
            for i in range(args.lite_runs):
                context = launch(Path(tmp) / f"lite-{i}")
                with step(f"JupyterLite run {i + 1}"):
                    try:
                        lite.append(jupyterlite_ready(context, url))
                    except PlaywrightTimeout:  # reported, not hidden: the ratio uses the others
                        lite_failures += 1
                        print(f"JupyterLite run {i + 1}: no output in {LITE_TIMEOUT_MS // 1000} s")
                    finally:
                        context.close()
            server.shutdown()
            server.server_close()
    print(f"after:  {load_text()}")
    print(
        f"exercise {ex.id}; {args.runs} page loads per row, {args.checks} Checks, "
        f"{args.stops} Stop rounds; times from navigation start"
    )
    print_table(rows)
    print_targets(rows, lite, lite_failures, lite_ran)
    return 0


if __name__ == "__main__":
    sys.exit(main())
