"""Offline grading throughput: `python -m grader grade` vs `nbgrader autograde`.

    .venv/bin/python bench/bench_offline.py [--n 1000] [--nbgrader-students 60] [--jobs N]

1. Writes N ordinary submissions of the fixture softmax exercise (a mix of correct code
   and known bugs, one `<class>/<student>/fx_softmax.py` each) and times one
   `python -m grader grade <class> --out ...` run, start-up included, with the bubblewrap
   sandbox (the default) and one with `--sandbox none`.
2. Builds an nbgrader course in a temp dir (config, source notebook with a solution cell
   and autograder test cells for the same three checks, `nbgrader generate_assignment`,
   `submitted/<student>/ps1/ps1.ipynb` filled with the same submissions) and times
   `nbgrader autograde ps1` over --nbgrader-students students (nbgrader starts a kernel
   per notebook, so the whole corpus would not fit in one 10-minute command here).
3. Prints submissions/s for each, the ratio, and the load average (the machine may be
   shared). Numbers are printed, never asserted. Targets: >= 100 submissions/s with the
   sandbox, >= 100x nbgrader.

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


def bench_grader(
    subs: list[str], jobs: int | None, work: Path, sandbox: str, extra: tuple = (), tag: str = ""
) -> tuple[float, float | None, int, list[str]]:
    """(seconds, CPU seconds, passed, protections) of one `grade` run over the corpus.

    The CPU time is the whole tree's (CLI, zygotes, every job), which the load of a shared
    machine inflates far less than the wall time; None with the sandbox (processes in a
    pid namespace of their own are not counted in their ancestors' usage).
    """
    import resource

    folder = work / "class"
    if not folder.exists():
        for i, code in enumerate(subs):
            (folder / f"s{i:04d}").mkdir(parents=True)
            (folder / f"s{i:04d}" / "fx_softmax.py").write_text(code)
    out = work / f"out-{sandbox}{tag}"
    cmd = [sys.executable, "-m", "grader", "grade", str(folder), "--root", str(FX),
           "--out", str(out), "--no-progress", "--sandbox", sandbox]  # fmt: skip
    if jobs:
        cmd += ["--jobs", str(jobs)]
    cmd += list(extra)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if proc.returncode != 0:
        sys.exit(f"grader failed:\n{proc.stderr[-2000:]}")
    records = [json.loads(line) for line in (out / "results.jsonl").open()]
    cpu = cpu if sandbox == "none" else None
    return elapsed, cpu, sum(r["passed"] for r in records), records[0].get("protections") or []


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


def bench_dask(subs: list[str], work: Path, local_rate: float, n: int) -> None:
    """The same corpus through `grade --scheduler` on a scheduler and two one-thread workers
    (separate processes on 127.0.0.1), against the local `--sandbox none` run."""
    import signal

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    sched_file = work / "scheduler.json"
    procs = []

    def start(*args):
        log = open(work / f"dask-{len(procs)}.log", "w")  # noqa: SIM115 (closed at exit)
        procs.append(subprocess.Popen([sys.executable, "-m", *args], cwd=REPO, env=env,
                                      stdout=log, stderr=subprocess.STDOUT,
                                      start_new_session=True))  # fmt: skip

    try:
        import distributed

        start("distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
              "--no-dashboard", "--scheduler-file", str(sched_file))  # fmt: skip
        deadline = time.monotonic() + 60
        while not (sched_file.is_file() and sched_file.stat().st_size):
            if time.monotonic() > deadline:
                sys.exit("dask: the scheduler did not start")
            time.sleep(0.2)
        address = json.loads(sched_file.read_text())["address"]
        for i in range(2):
            start("distributed.cli.dask_worker", "--scheduler-file", str(sched_file),
                  "--nthreads", "1", "--nworkers", "1", "--no-dashboard", "--host",
                  "127.0.0.1", "--memory-limit", "0", "--local-directory", str(work / f"w{i}"))  # fmt: skip
        with distributed.Client(address, timeout=60, set_as_default=False) as client:
            client.wait_for_workers(2, timeout=120)
        seconds, _, passed, _ = bench_grader(subs, None, work, "none",
                                             ("--scheduler", address), "-dask")  # fmt: skip
        rate = n / seconds
        print(f"python -m grader grade --scheduler (2 Dask workers, --sandbox none): {n} "
              f"submissions in {seconds:.2f} s = {rate:.1f} submissions/s; {passed} passed; "
              f"cluster overhead per job vs local: {100 * (local_rate / rate - 1):.0f}% "
              "(target under 10%)")  # fmt: skip
    finally:
        for proc in procs:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="submissions for the grader")
    ap.add_argument("--nbgrader-students", type=int, default=60)
    ap.add_argument("--jobs", type=int, default=None, help="grader workers (default: all)")
    ap.add_argument("--skip-nbgrader", action="store_true")
    ap.add_argument(
        "--dask",
        action="store_true",
        help="also grade through a two-worker Dask cluster on 127.0.0.1 (.[dask])",
    )
    args = ap.parse_args()
    subs = corpus(args.n)
    cores = os.cpu_count() or 1
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average before: {load} on {cores} core(s)")
    with tempfile.TemporaryDirectory(prefix="bench-offline-") as tmp:
        work = Path(tmp)
        rates = {}
        for sandbox in ("bwrap", "none"):
            seconds, cpu, passed, protections = bench_grader(subs, args.jobs, work, sandbox)
            rates[sandbox] = args.n / seconds
            each = (
                ""
                if cpu is None
                else (
                    f"; {1000 * cpu / args.n:.1f} ms CPU each, so "
                    f"{cores * args.n / cpu:.0f}/s on {cores} idle cores"
                )
            )
            print(f"python -m grader grade --sandbox {sandbox}: {args.n} submissions in "
                  f"{seconds:.2f} s (start-up included) = {rates[sandbox]:.1f} submissions/s; "
                  f"{passed} passed; {len(protections)} protections{each}")  # fmt: skip
        if args.dask:
            bench_dask(subs, work, rates["none"], args.n)
        ours = rates["bwrap"]
        print(f"sandbox cost: {100 * (1 - ours / rates['none']):.0f}% "
              f"(target >= 100 submissions/s with the sandbox)")  # fmt: skip
        if args.skip_nbgrader:
            print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
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
        print(f"ratio (sandbox on): {ours / theirs:.1f}x; --sandbox none: "
              f"{rates['none'] / theirs:.1f}x (target >= 100x)")  # fmt: skip
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
