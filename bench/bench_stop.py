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
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from builder.serve import serve_in_thread  # noqa: E402
from tests.browser.chromium import LAUNCH_ARGS, find_chromium  # noqa: E402
from tests.browser.helpers import Exercise, exercise_folder  # noqa: E402

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


def open_ready(context, url: str, ex: Exercise):
    page = context.new_page()
    page.goto(f"{url}{ex.slug}.html#ex-{ex.id}")
    page.wait_for_selector("body[data-python=ready]", timeout=180_000)
    page.wait_for_selector("body[data-editor=ready]", timeout=60_000)
    return page


def stop_rounds(context, url: str, ex: Exercise, rounds: int, *, spare: bool = True) -> dict:
    page = open_ready(context, url, ex)
    found = page.evaluate(STOP_ROUNDS, [ex.id, rounds, spare])
    page.close()
    return found


def wait_stored(page) -> None:
    page.wait_for_selector("footer[data-role=offline][data-state=stored]", timeout=180_000)


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


def load_text() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


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
        report("isolated server", stop_rounds(context, isolated_url, ex, args.rounds))
        context.close()
        context = browser.new_context(service_workers="block")  # first visits, every time
        report("plain server, spare worker", stop_rounds(context, plain_url, ex, args.rounds))
        report(
            "plain server, no spare (restart)",
            stop_rounds(context, plain_url, ex, args.rounds, spare=False),
        )
        context.close()
        context = browser.new_context()
        page = open_ready(context, plain_url, ex)
        wait_stored(page)
        page.close()
        report("plain server, 2nd visit (sw.js)", stop_rounds(context, plain_url, ex, args.rounds))
        online = reload_ready(context, plain_url, ex, args.reloads)
        plain_server.offline = True  # type: ignore[attr-defined]
        context.set_offline(True)
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
