#!/usr/bin/env python3
"""Time the JupyterLite step of the build and print the numbers (targets are not asserted).

    python bench/bench_build.py [--repeat 3] [--full]

Prints, for builder.jupyterlite.build_jupyterlite into a scratch folder:
  cold      an empty app cache (runs `jupyter lite build`);
  no-op     the same inputs again (the cache hit: notebooks regenerated, app copied);
  changed   one notebook's text changed (a cache miss, like editing an exercise).
With --full, also `python build.py --no-proofs` twice (the whole site; the second run is the
no-op rebuild a student-facing edit loop sees). Target: no-op rebuild under 5 s.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_NOOP = 5.0


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="no-op rebuilds to time")
    parser.add_argument("--full", action="store_true", help="also time build.py (whole site)")
    args = parser.parse_args(argv)

    from builder import jupyterlite, notebooks
    from builder.pyodide_dist import ensure_dist

    dist = ensure_dist()
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        tmp = Path(tmp)
        out, cache = tmp / "_site", tmp / "cache"

        def build():
            jupyterlite.build_jupyterlite(out, dist, cache_dir=cache, quiet=True)

        cold = timed(build)
        noop = [timed(build) for _ in range(args.repeat)]
        # A changed input: one notebook's text differs, so the app is rebuilt.
        real = notebooks.build_notebooks

        def changed_notebooks(*a, **k):
            nbs = real(*a, **k)
            slug = sorted(nbs)[0]
            nbs[slug] = nbs[slug].replace("the notebook for this page", "this page's notebook")
            return nbs

        notebooks.build_notebooks = changed_notebooks
        try:
            changed = timed(build)
        finally:
            notebooks.build_notebooks = real
        print(f"jupyterlite cold build     {cold:6.2f} s")
        print(
            f"jupyterlite no-op rebuild  {statistics.median(noop):6.2f} s "
            f"(median of {len(noop)}, max {max(noop):.2f}; target < {TARGET_NOOP:.0f} s: "
            f"{'ok' if max(noop) < TARGET_NOOP else 'MISSED'})"
        )
        print(f"jupyterlite changed input  {changed:6.2f} s (one notebook edited)")
        size = sum(p.stat().st_size for p in (out / "jupyter").rglob("*") if p.is_file())
        print(f"jupyter/ size              {size / 1e6:6.1f} MB")

        if args.full:
            site = tmp / "full"
            cmd = [sys.executable, str(ROOT / "build.py"), "--no-proofs", "--out", str(site)]
            runs = []
            for _ in range(2):
                runs.append(timed(lambda: subprocess.run(cmd, check=True, capture_output=True)))
            print(f"build.py --no-proofs       {runs[0]:6.2f} s first, {runs[1]:6.2f} s no-op")
            shutil.rmtree(site, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
