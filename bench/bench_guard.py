"""Benchmark: what the browser guard costs per call into student code, in CPython and Pyodide.

    .venv/bin/python bench/bench_guard.py [--calls N] [--only SUBSTRING] [--no-pyodide]

Prints, in CPython and (unless --no-pyodide) inside real Pyodide under Node.js:
1. what the guard watches (modules, classes, module and class entries);
2. the cost of one guarded stretch (`with guard.guarded(): pass`, i.e. the check on entry
   and the restore after it): the best of 7 rounds of N stretches, per stretch;
3. the time of a whole Check of each selected exercise's reference solution (median of 5).

Times are CPU time in CPython (`time.process_time`), so other work on the machine counts
less, and wall time in Pyodide, which has no CPU clock; a
stretch inside a real Check costs more than here, where every object it reads is cached.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

# Runs unchanged in CPython and in Pyodide (sent as source); prints one JSON line.
PROBE = r"""
import json, statistics, sys, time
import grader
from grader import guard

# CPU time where it exists (Pyodide has none: wall time there).
CLOCK = time.perf_counter if sys.platform == "emscripten" else time.process_time

def _per_stretch(calls):
    best = float("inf")
    for _ in range(7):
        t0 = CLOCK()
        for _ in range(calls):
            with guard.guarded():
                pass
        best = min(best, (CLOCK() - t0) / calls)
    return best

def _check_ms(bundle):
    request = json.dumps({"action": "check", "exercise": bundle, "code": bundle["solution"]})
    grader.entry(request)  # the first Check imports what the tests import
    times = []
    for _ in range(5):
        t0 = CLOCK()
        result = json.loads(grader.entry(request))
        times.append(CLOCK() - t0)
    return statistics.median(times) * 1e3, result["passed"]

snap = guard.baseline()
info = getattr(snap, "describe", lambda: {})()
checks = {b["id"]: _check_ms(b) for b in BUNDLES}
print(json.dumps({"python": sys.version.split()[0], "watched": info,
                  "per_stretch_us": _per_stretch(CALLS) * 1e6, "checks": checks}))
"""


def _report(label: str, data: dict) -> None:
    print(f"\n{label} (Python {data['python']})")
    if data["watched"]:
        print("  watched: " + ", ".join(f"{k} {v}" for k, v in data["watched"].items()))
    print(f"  one guarded stretch: {data['per_stretch_us']:.0f} us")
    for name, (ms, passed) in data["checks"].items():
        print(f"  Check {name:30} {ms:8.1f} ms{'' if passed else '  (did not pass!)'}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=300, help="guarded stretches per round")
    parser.add_argument("--only", default="relu", help="exercises whose id contains this")
    parser.add_argument("--no-pyodide", action="store_true", help="CPython only")
    args = parser.parse_args(argv)

    from grader.spec import load_all

    bundles, _ = load_all(REPO / "exercises")
    bundles = [
        {k: v for k, v in b.items() if k not in ("bugs", "path")}
        for b in bundles
        if args.only in b["id"] and b.get("kind") != "quiz"
    ]
    setup = f"BUNDLES = json.loads({json.dumps(json.dumps(bundles))})\nCALLS = {args.calls}\n"
    source = "import json\n" + setup + PROBE

    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(source, "<bench_guard>", "exec"), {"__name__": "bench_guard"})
    _report("CPython", json.loads(out.getvalue().strip().splitlines()[-1]))

    if not args.no_pyodide:
        from builder.pyodide_runner import PyodideRunner, prepare_dist

        dist = prepare_dist()
        try:
            with PyodideRunner(dist, timeout=600) as rt:
                wrapped = (
                    "import io, contextlib\n_out = io.StringIO()\n"
                    f"with contextlib.redirect_stdout(_out):\n    exec({source!r}, {{}})\n"
                    "_out.getvalue().strip().splitlines()[-1]"
                )
                _report("Pyodide", json.loads(rt.eval(wrapped, timeout=600)))
        finally:
            shutil.rmtree(dist, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
