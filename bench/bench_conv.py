"""Benchmark: the reference conv2d_forward on the Nature DQN's first layer, in Pyodide and CPython.

    .venv/bin/python bench/bench_conv.py [--runs N] [--backward]

Runs ``exercises/11-convolutional-networks/conv2d_forward/solution.py`` (im2col with
``sliding_window_view`` and one matrix product) on a batch of 32 frame stacks of
4 x 84 x 84 with 32 filters of 8 x 8 at stride 4, float64, and prints the median time of N
runs (after one warm-up run) in real Pyodide under Node.js (no BLAS: NumPy's own matmul
loops compiled to WebAssembly) and in this CPython (NumPy with its BLAS). ``--backward``
also times the reference conv2d_backward on the same layer. Page 11 quotes these numbers.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from builder.pyodide_runner import PyodideRunner, prepare_dist  # noqa: E402

PAGE = REPO / "exercises" / "11-convolutional-networks"

# Runs in both interpreters: defines time_layer(runs, backward) -> "forward_s backward_s".
HARNESS = """
import time
import numpy as np

def _median(values):
    values = sorted(values)
    return values[len(values) // 2]

def time_layer(runs, backward):
    rng = np.random.default_rng(0)
    x = rng.random((32, 4, 84, 84))             # a replay minibatch of frame stacks in [0, 1]
    w = rng.normal(0.0, 0.05, (32, 4, 8, 8))    # conv1 of the Nature DQN: 32 filters 8x8
    b = np.zeros(32)
    out = conv2d_forward(x, w, b, stride=4)     # warm-up (and a shape check)
    assert out.shape == (32, 32, 20, 20), out.shape
    fwd = []
    for _ in range(runs):
        t0 = time.perf_counter()
        conv2d_forward(x, w, b, stride=4)
        fwd.append(time.perf_counter() - t0)
    bwd = [float("nan")]
    if backward:
        dout = rng.standard_normal(out.shape)
        conv2d_backward(dout, x, w, stride=4)
        bwd = []
        for _ in range(runs):
            t0 = time.perf_counter()
            conv2d_backward(dout, x, w, stride=4)
            bwd.append(time.perf_counter() - t0)
    return f"{_median(fwd)} {_median(bwd)}"
"""


def _source() -> str:
    parts = [(PAGE / "conv2d_forward" / "solution.py").read_text(encoding="utf-8")]
    parts.append((PAGE / "conv2d_backward" / "solution.py").read_text(encoding="utf-8"))
    return "\n".join(parts) + HARNESS


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs (median reported)")
    parser.add_argument("--backward", action="store_true", help="time conv2d_backward too")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error(f"--runs must be at least 1, got {args.runs}")

    namespace: dict = {"__name__": "bench_conv"}
    exec(compile(_source(), "bench_conv", "exec"), namespace)
    cp_fwd, cp_bwd = map(float, namespace["time_layer"](args.runs, args.backward).split())

    dist = prepare_dist()
    try:
        with PyodideRunner(dist, timeout=600) as rt:
            rt.eval(_source())
            call = f"time_layer({args.runs}, {args.backward})"
            py_fwd, py_bwd = map(float, rt.eval(call, timeout=600).split())
    finally:
        shutil.rmtree(dist, ignore_errors=True)

    print("conv2d_forward, Nature DQN conv1: x (32, 4, 84, 84), w (32, 4, 8, 8), stride 4, float64")
    print(f"median of {args.runs} run(s) after a warm-up")
    print(f"  Pyodide (no BLAS): {py_fwd * 1e3:8.1f} ms")
    print(f"  CPython:           {cp_fwd * 1e3:8.1f} ms")
    print(f"  ratio:             {py_fwd / cp_fwd:8.1f}")
    if args.backward:
        print("conv2d_backward, same layer")
        print(f"  Pyodide (no BLAS): {py_bwd * 1e3:8.1f} ms")
        print(f"  CPython:           {cp_bwd * 1e3:8.1f} ms")
    return 0


if __name__ == "__main__":
    started = time.perf_counter()
    status = main()
    print(f"(total {time.perf_counter() - started:.0f} s, including Pyodide start-up)")
    sys.exit(status)
