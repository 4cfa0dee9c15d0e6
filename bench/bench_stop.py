#!/usr/bin/env python3
"""Time Stop and the offline copy in headless Chromium; print every number (nothing asserted).

    python bench/bench_stop.py [--site _site] [--build] [--rounds 5] [--reloads 3]

Stop: in the page of the exercise the browser tests use, Run an endless loop, wait until it
has run 0.3 s, press Stop (the job's cancel(), what the button does), then Run a print.
Printed per kind of page: Stop -> "Stopped" shown (the control is back), and Stop -> the
next Run's result (when the student can go on). Kinds:
- isolated: `build.py serve` (COOP/COEP from the server): the interrupt buffer;
- plain, spare: a server sending no headers, first visit (not isolated): the worker is
  ended and the warm spare worker takes over (waited for before each Stop: the usual case,
  a loop that has run for a few seconds);
- plain, no spare: the same page with the spare turned off (a fresh Pyodide per Stop,
  as before issue 19);
- plain, second visit: the same server, page now controlled by sw.js, which adds the
  isolation headers: the interrupt buffer again.
Reloads: navigation -> Python + NumPy + grader ready, on the plain server after the
offline copy is stored: online (answered from the offline copy) and with
the server gone (builder.serve's `offline`: no answer at all) and the browser offline.
Medians with every single value, and the machine's load average before and after.
bench_site.py prints the same Stop numbers in its table for both kinds of server (and the
page loads, Check and offline reloads); this script is the quick look at Stop alone, with
the no-spare row for comparison. A broken page ends it with one line naming the step.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _site_common import load_text, open_ready, step, stop_rounds, wait_stored  # noqa: E402

from builder.serve import serve_in_thread  # noqa: E402
from tests.browser.chromium import LAUNCH_ARGS, find_chromium  # noqa: E402
from tests.browser.helpers import Exercise, exercise_folder  # noqa: E402


def reload_ready(context, url: str, ex: Exercise, n: int) -> list[float]:
    times = []
    for _ in range(n):
        page = open_ready(context, url, ex)
        times.append(page.evaluate("window.nprlTimings.python") / 1000)
        page.close()
    return times


def vals(xs: list[float], scale: float = 1.0) -> str:
    return "[" + ", ".join(f"{x * scale:.0f}" for x in xs) + "]"


def report(name: str, found: dict) -> None:
    stopped = [r["stopped"] for r in found["out"]]
    nxt = [r["next"] for r in found["out"]]
    print(
        f"{name:<34} isolated={str(found['isolated']):<5} "
        f"Stop -> Stopped {statistics.median(stopped):6.0f} ms {vals(stopped)}   "
        f"Stop -> next result {statistics.median(nxt):6.0f} ms {vals(nxt)}   "
        f"(workers started {found['stats']['starts']}, spares promoted {found['stats']['promotions']})",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--site", type=Path, default=ROOT / "_site")
    parser.add_argument("--build", action="store_true", help="build the site first")
    parser.add_argument("--rounds", type=int, default=5, help="Stops per kind of page")
    parser.add_argument("--reloads", type=int, default=3, help="reloads online and offline")
    args = parser.parse_args(argv)
    site = args.site.resolve()
    if args.build or not (site / "sw.js").is_file():
        import build

        build.build(site, prove=False)
    from playwright.sync_api import sync_playwright

    ex = Exercise(exercise_folder())
    print(f"exercise: {ex.id} (page {ex.slug}), site: {site}, {os.cpu_count()} CPUs")
    print(f"before: {load_text()}", flush=True)
    isolated_server, isolated_url = serve_in_thread(site)
    plain_server, plain_url = serve_in_thread(site, plain=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_chromium(), args=LAUNCH_ARGS)
        context = browser.new_context(service_workers="block")  # the server isolates
        with step("isolated server, Stop"):
            report("isolated server", stop_rounds(context, isolated_url, ex, args.rounds))
        context.close()
        context = browser.new_context(service_workers="block")  # first visits, every time
        with step("plain server, Stop with the spare worker"):
            report("plain server, spare worker", stop_rounds(context, plain_url, ex, args.rounds))
        with step("plain server, Stop without the spare worker"):
            report(
                "plain server, no spare (restart)",
                stop_rounds(context, plain_url, ex, args.rounds, spare=False),
            )
        context.close()
        context = browser.new_context()
        with step("plain server, storing the offline copy"):
            page = open_ready(context, plain_url, ex)
            wait_stored(page)
            page.close()
        with step("plain server, second visit, Stop"):
            report(
                "plain server, 2nd visit (sw.js)", stop_rounds(context, plain_url, ex, args.rounds)
            )
        with step("plain server, warm reload online"):
            online = reload_ready(context, plain_url, ex, args.reloads)
        plain_server.offline = True  # type: ignore[attr-defined]
        context.set_offline(True)
        with step("warm reload offline (server gone, browser offline)"):
            offline = reload_ready(context, plain_url, ex, args.reloads)
        context.close()
        browser.close()
    for server in (isolated_server, plain_server):
        server.shutdown()
        server.server_close()
    print(
        f"warm reload -> Python ready, online via sw.js:   {statistics.median(online):.2f} s "
        f"{vals(online, 1000)} ms"
    )
    print(
        f"warm reload -> Python ready, offline (sw.js):    {statistics.median(offline):.2f} s "
        f"{vals(offline, 1000)} ms"
    )
    print(f"after:  {load_text()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
