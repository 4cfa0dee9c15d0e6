"""Benchmark: page 9's reference train_mlp on the spirals, in real Pyodide (Node.js) and in CPython.

    .venv/bin/python bench/bench_train_mlp.py [--runs N] [--epochs E]

Runs exactly what the exercise's Run button runs (the reference solution's module, then
``train_mlp(X, y, [2, 32, 32, 2], epochs=150, batch_size=20, lr=0.2, seed=0)`` on
``make_spirals(100, seed=0)``) and prints, for each runtime, the median wall time of N runs,
the final epoch's mean loss and the training accuracy. Pyodide is started the way the site's
worker starts it (``builder.pyodide_runner``); its NumPy has no BLAS, so every matrix product
is a plain loop compiled to WebAssembly. The page quotes these numbers.
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

SOLUTION = REPO / "exercises" / "09-training-loop" / "train_mlp" / "solution.py"

# Runs inside both interpreters after the solution module's code; the value of the last
# expression is a JSON string.
TIMED = """
import json as _json
import time as _time

_X, _y = make_spirals(100, seed=0)
_times = []
for _ in range({runs}):
    _t0 = _time.perf_counter()
    _params, _history = train_mlp(_X, _y, [2, 32, 32, 2], epochs={epochs}, batch_size=20,
                                  lr=0.2, seed=0)
    _times.append(_time.perf_counter() - _t0)
_result = _json.dumps({{"times": _times, "loss": _history[-1],
                       "accuracy": accuracy(mlp_forward(_X, _params)[0], _y)}})
_result
"""


def _cpython(source: str, timed: str) -> dict:
    namespace: dict = {"__name__": "bench"}  # not "__main__": the demo block must not run
    exec(compile(source, str(SOLUTION), "exec"), namespace)
    *body, last = timed.strip().splitlines()
    exec("\n".join(body), namespace)
    return json.loads(eval(last, namespace))


def _pyodide(source: str, timed: str) -> tuple[dict, float]:
    dist = prepare_dist()
    try:
        with PyodideRunner(dist, timeout=600) as rt:
            rt.eval(f"__name__ = 'bench'\n{source}\nNone")  # define the module (no demo)
            t0 = time.perf_counter()
            result = json.loads(rt.eval(timed))
            return result, time.perf_counter() - t0
    finally:
        shutil.rmtree(dist, ignore_errors=True)


def _line(name: str, result: dict) -> str:
    times = result["times"]
    return (
        f"{name:8} median {statistics.median(times):6.2f} s  (runs: "
        f"{', '.join(f'{t:.2f}' for t in times)})  final loss {result['loss']:.4f}  "
        f"training accuracy {result['accuracy']:.1%}"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs in each runtime")
    parser.add_argument("--epochs", type=int, default=150, help="epochs (the page uses 150)")
    args = parser.parse_args(argv)
    source = SOLUTION.read_text(encoding="utf-8")
    timed = TIMED.format(runs=args.runs, epochs=args.epochs)

    print(
        f"train_mlp on make_spirals(100): layers [2, 32, 32, 2], {args.epochs} epochs, "
        f"batches of 20 ({args.epochs * 10} steps), lr 0.2, seed 0"
    )
    cpython = _cpython(source, timed)
    print(_line("CPython", cpython))
    pyodide, wall = _pyodide(source, timed)
    print(_line("Pyodide", pyodide) + f"  [{wall:.1f} s for all runs incl. the round trip]")
    ratio = statistics.median(pyodide["times"]) / statistics.median(cpython["times"])
    print(f"Pyodide / CPython: {ratio:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
