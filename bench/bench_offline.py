"""Offline grading throughput: `python -m grader grade` vs `nbgrader autograde`.

    .venv/bin/python bench/bench_offline.py [--n 1000] [--nbgrader-students 60] [--jobs N]

1. Writes N ordinary submissions of the fixture softmax exercise (a mix of correct code
   and known bugs, one `<class>/<student>/fx_softmax.py` each) and times one
   `python -m grader grade <class> --out ...` run, start-up included.
2. Builds an nbgrader course in a temp dir (config, source notebook with a solution cell
   and autograder test cells for the same three checks, `nbgrader generate_assignment`,
   `submitted/<student>/ps1/ps1.ipynb` filled with the same submissions) and times
   `nbgrader autograde ps1` over --nbgrader-students students (nbgrader starts a kernel
   per notebook, so the whole corpus would not fit in one 10-minute command here).
3. Prints submissions/s for both and the ratio. Numbers are printed, never asserted.

nbgrader is only needed for step 2: `pip install -e '.[bench]'`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FX = REPO / "tests" / "fixtures" / "exercises"
SOFTMAX = FX / "fx-page" / "fx_softmax"


def corpus(n: int) -> list[str]:
    """n submissions: 60% correct, 40% one of the known bugs, each a distinct text."""
    good = (SOFTMAX / "solution.py").read_text()
    bugs = [p.read_text() for p in sorted((SOFTMAX / "bugs").glob("*.py"))]
    out = []
    for i in range(n):
        base = good if i % 5 < 3 else bugs[i % len(bugs)]
        out.append(f"# student {i}\n{base}")
    return out


def bench_grader(subs: list[str], jobs: int | None, work: Path) -> tuple[float, int]:
    folder = work / "class"
    for i, code in enumerate(subs):
        (folder / f"s{i:04d}").mkdir(parents=True)
        (folder / f"s{i:04d}" / "fx_softmax.py").write_text(code)
    cmd = [sys.executable, "-m", "grader", "grade", str(folder), "--root", str(FX),
           "--out", str(work / "out"), "--no-progress"]  # fmt: skip
    if jobs:
        cmd += ["--jobs", str(jobs)]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"grader failed:\n{proc.stderr[-2000:]}")
    passed = sum(json.loads(line)["passed"] for line in (work / "out" / "results.jsonl").open())
    return elapsed, passed


# ------------------------------------------------------------------------------ nbgrader

TESTS = [
    ("one_row", 2, "x = np.array([1.0, 2.0, 3.0])\nx0 = x.copy()\nout = softmax(x)\n"
     "assert np.array_equal(x, x0), 'input changed'\nassert np.allclose(out, _ref(x))"),
    ("large_values", 2, "x = np.array([[1e4, 0.0, -1e4]])\nassert np.allclose(softmax(x), _ref(x))"),
    ("axis_zero", 2, "x = np.arange(6.0).reshape(2, 3)\n"
     "assert np.allclose(softmax(x, axis=0), _ref(x, axis=0))"),
]  # fmt: skip
REF = (
    "import numpy as np\n\ndef _ref(x, axis=-1):\n"
    "    e = np.exp(x - x.max(axis=axis, keepdims=True))\n"
    "    return e / e.sum(axis=axis, keepdims=True)"
)


def _cell(source: str, grade_id: str, *, solution=False, grade=False, points=0, locked=False):
    import nbformat

    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution, "task": False}  # fmt: skip
    if grade:
        meta["points"] = points
    return nbformat.v4.new_code_cell(source, metadata={"nbgrader": meta})


def _notebook(solution_code: str):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}  # fmt: skip
    nb.cells.append(_cell(REF, "reference", locked=True))
    nb.cells.append(_cell(solution_code, "softmax", solution=True))
    for name, points, src in TESTS:
        nb.cells.append(_cell(src, name, grade=True, points=points, locked=True))
    return nb


def bench_nbgrader(subs: list[str], work: Path) -> tuple[float | None, int, str]:
    """(seconds, notebooks, note) for one `nbgrader autograde` run."""
    nbgrader = Path(sys.executable).with_name("nbgrader")
    try:
        import nbformat
    except ImportError:
        return None, 0, "nbformat is not installed"
    if not nbgrader.exists():
        return None, 0, "nbgrader is not installed (pip install -e '.[bench]')"
    course = work / "course"
    (course / "source" / "ps1").mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        "c.CourseDirectory.course_id = 'bench'\n"
        f"c.CourseDirectory.root = {str(course)!r}\n"
        "c.CourseDirectory.db_url = 'sqlite:///' + "
        f"{str(course / 'gradebook.db')!r}\n"
        "c.Execute.timeout = 30\n"
    )
    source = "def softmax(x, axis=-1):\n    ### BEGIN SOLUTION\n" + \
        "    e = np.exp(x - x.max(axis=axis, keepdims=True))\n" + \
        "    return e / e.sum(axis=axis, keepdims=True)\n    ### END SOLUTION\n"  # fmt: skip
    nbformat.write(_notebook(source), course / "source" / "ps1" / "ps1.ipynb")
    env = {**os.environ, "PATH": f"{nbgrader.parent}:{os.environ.get('PATH', '')}"}

    def run(*args, timeout=600):
        return subprocess.run([str(nbgrader), *args], cwd=course, env=env, capture_output=True,
                              text=True, timeout=timeout)  # fmt: skip

    gen = run("generate_assignment", "ps1", "--force", "--create")
    if gen.returncode != 0:
        return None, 0, "generate_assignment failed: " + gen.stderr.strip().splitlines()[-1]
    released = nbformat.read(course / "release" / "ps1" / "ps1.ipynb", as_version=4)
    for i, code in enumerate(subs):
        nb = nbformat.from_dict(json.loads(json.dumps(released)))
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("grade_id") == "softmax":
                cell.source = code
        target = course / "submitted" / f"s{i:04d}" / "ps1"
        target.mkdir(parents=True)
        nbformat.write(nb, target / "ps1.ipynb")
        (target / "timestamp.txt").write_text("2024-01-01 00:00:00.000000 UTC")
    t0 = time.perf_counter()
    try:
        proc = run("autograde", "ps1", "--create", "--force")
    except subprocess.TimeoutExpired:
        return None, 0, "nbgrader autograde did not finish within 600 s"
    elapsed = time.perf_counter() - t0
    done = len(list((course / "autograded").glob("*/ps1/ps1.ipynb")))
    if proc.returncode != 0 or done == 0:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return None, done, f"nbgrader autograde failed ({proc.returncode}): {tail}"
    return elapsed, done, ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="submissions for the grader")
    ap.add_argument("--nbgrader-students", type=int, default=60)
    ap.add_argument("--jobs", type=int, default=None, help="grader workers (default: all)")
    ap.add_argument("--skip-nbgrader", action="store_true")
    args = ap.parse_args()
    subs = corpus(args.n)
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="bench-offline-") as tmp:
        work = Path(tmp)
        seconds, passed = bench_grader(subs, args.jobs, work)
        ours = args.n / seconds
        print(f"python -m grader grade: {args.n} submissions in {seconds:.2f} s "
              f"(start-up included) = {ours:.1f} submissions/s on {cores} core(s); "
              f"{passed} passed")  # fmt: skip
        if args.skip_nbgrader:
            return
        shutil.rmtree(work / "class", ignore_errors=True)
        nb_subs = subs[: args.nbgrader_students]
        nb_seconds, done, note = bench_nbgrader(nb_subs, work)
        if nb_seconds is None:
            print(f"nbgrader autograde: not measured: {note}")
            return
        theirs = done / nb_seconds
        print(f"nbgrader autograde:     {done} notebooks in {nb_seconds:.2f} s = "
              f"{theirs:.2f} notebooks/s (one run, sequential, kernel per notebook)")  # fmt: skip
        print(f"ratio: {ours / theirs:.1f}x (target >= 20x)")


if __name__ == "__main__":
    main()
