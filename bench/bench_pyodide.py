"""Benchmark: real Pyodide (under Node.js) against CPython for the grader.

    .venv/bin/python bench/bench_pyodide.py [--runs N] [--starts K] [--only SUBSTRING]

Prints
1. the time to a ready Pyodide with NumPy and the grader (a cold ``node`` process each
   time, loaded as the site's worker loads it): median of K starts, wall clock from
   spawning node, and the JS-side time from ``loadPyodide`` to ``grader.entry`` in hand;
2. for every exercise, the time to grade its reference solution with ``grader.entry``:
   median of N runs in Pyodide and in CPython (same process, warm), and the ratio.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from builder.pyodide_runner import PyodideRunner, prepare_dist  # noqa: E402


def _median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="grading runs per exercise")
    parser.add_argument("--starts", type=int, default=3, help="cold node starts")
    parser.add_argument("--only", default="", help="only exercises whose id contains this")
    args = parser.parse_args(argv)

    import grader
    from grader.spec import load_all

    bundles, problems = load_all(REPO / "exercises")
    bundles = [b for b in bundles if args.only in b["id"]]
    if problems:
        print(f"note: {len(problems)} spec problem(s) skipped (run python -m grader validate)")

    dist = prepare_dist()
    try:
        walls, js = [], []
        for _ in range(args.starts):
            rt = PyodideRunner(dist)
            rt.start()
            walls.append(rt.ready_seconds)
            js.append(rt.ready_ms / 1000)
            rt.close()
        print(
            f"ready Pyodide + NumPy + grader (cold node, median of {args.starts}): "
            f"{statistics.median(walls):.2f} s wall "
            f"(loadPyodide -> grader.entry: {statistics.median(js):.2f} s; "
            f"all: {', '.join(f'{w:.2f}' for w in walls)})"
        )

        print(f"\ngrading the reference solution, median of {args.runs} run(s):")
        print(f"{'exercise':32} {'Pyodide ms':>11} {'CPython ms':>11} {'ratio':>7}")
        ratios = []
        with PyodideRunner(dist, timeout=300) as rt:
            for bundle in bundles:
                request = json.dumps(
                    {"action": "check", "exercise": bundle, "code": bundle["solution"]}
                )
                browser = json.dumps(
                    {
                        "action": "check",
                        "exercise": {k: v for k, v in bundle.items() if k not in ("bugs", "path")},
                        "code": bundle["solution"],
                    }
                )
                rt.entry(browser)  # first call loads what the tests import
                grader.entry(request)
                t_py = _median_time(lambda b=browser: rt.entry(b), args.runs)
                t_cp = _median_time(lambda r=request: grader.entry(r), args.runs)
                ratio = t_py / t_cp if t_cp > 0 else float("inf")
                ratios.append(ratio)
                print(f"{bundle['id']:32} {t_py * 1e3:11.1f} {t_cp * 1e3:11.1f} {ratio:7.1f}")
        if ratios:
            print(
                f"\n{len(ratios)} exercise(s): median ratio {statistics.median(ratios):.1f}, "
                f"max {max(ratios):.1f} (Pyodide time includes the JSON round trip to node)"
            )
    finally:
        shutil.rmtree(dist, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
