"""Grading on a real Dask cluster on 127.0.0.1 (grader/distributed.py, `grade --scheduler`).

A scheduler and two workers run as separate processes (`dask scheduler`, `dask worker`).
The pools use `--sandbox none`, locally and on the workers alike, so these tests do not
depend on bubblewrap; the sandbox is the pool's business and is tested on its own.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import FIXTURES, ROOT
from tests.offline.conftest import HOSTILE, IN_PLACE, NAIVE, SOLUTION, WRONG_AXIS

distributed = pytest.importorskip("distributed", reason="needs the dask extra: "
                                  "pip install -e '.[dask]'")  # fmt: skip

KINDS = [SOLUTION, NAIVE, IN_PLACE, WRONG_AXIS, HOSTILE["sys_exit"][0], HOSTILE["fake_print"][0]]
SLOW = "import time\ntime.sleep(0.3)\n"  # a slow submission keeps a batch in flight


def _class(folder, n: int, prefix: str = "") -> list[str]:
    folder.mkdir()
    for i in range(n):
        (folder / f"s{i:03d}.py").write_text(f"# student {i}\n{prefix}{KINDS[i % len(KINDS)]}")
    return sorted(p.name for p in folder.iterdir())


def _grade(cls, out, *extra, wait=True):
    cmd = [sys.executable, "-m", "grader", "grade", str(cls), "--exercise", "fx_softmax",
           "--root", str(FIXTURES), "--out", str(out), "--sandbox", "none", "--no-progress",
           *map(str, extra)]  # fmt: skip
    if not wait:
        return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True, start_new_session=True)  # fmt: skip
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)


def _outputs(out) -> dict:
    """Every report file (not the journal) -> its bytes."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != "journal.jsonl"}  # fmt: skip


def _journal(out) -> list[dict]:
    lines = (out / "journal.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _wait(condition, timeout: float, what: str, run=None):
    """condition()'s first true value; fails at the timeout, or if `run` ended meanwhile."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if run is not None and run.poll() is not None:
            raise AssertionError(f"the run ended ({run.returncode}) while waiting for {what}: "
                                 f"{run.stderr.read()}")  # fmt: skip
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


class Cluster:
    """A scheduler and named workers, each in its own process group."""

    def __init__(self, tmp):
        self.tmp, self.workers, self.procs = tmp, {}, []
        self.env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.file = tmp / "scheduler.json"
        self.procs.append(self._start("scheduler", ["distributed.cli.dask_scheduler", "--host",
                                      "127.0.0.1", "--port", "0", "--no-dashboard",
                                      "--scheduler-file", str(self.file)]))  # fmt: skip
        _wait(lambda: self.file.is_file() and self.file.stat().st_size, 60, "the scheduler")
        self.address = json.loads(self.file.read_text())["address"]
        self.client = distributed.Client(self.address, timeout=60, set_as_default=False)

    def _start(self, name, args):
        log = open(self.tmp / f"{name}.log", "w")  # noqa: SIM115 (closed with the process)
        return subprocess.Popen([sys.executable, "-m", *args], cwd=ROOT, env=self.env,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip

    def start_worker(self, name: str) -> None:
        self.workers[name] = self._start(name, [
            "distributed.cli.dask_worker", "--scheduler-file", str(self.file), "--name", name,
            "--nthreads", "1", "--nworkers", "1", "--no-dashboard", "--host", "127.0.0.1",
            "--memory-limit", "0", "--local-directory", str(self.tmp / name)])  # fmt: skip

    def names(self) -> set[str]:
        info = self.client.scheduler_info()["workers"]
        return {w["name"] for w in info.values()}

    def wait_for(self, names: set[str]) -> None:
        _wait(lambda: self.names() == names, 120, f"workers {sorted(names)}")

    def kill(self, name: str) -> None:
        """SIGKILL the worker and its nanny, as if its machine went away."""
        proc = self.workers.pop(name)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()

    def close(self) -> None:
        self.client.close()
        for proc in [*self.workers.values(), *self.procs]:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    c = Cluster(tmp_path_factory.mktemp("dask"))
    try:
        c.start_worker("w0")
        c.start_worker("w1")
        c.wait_for({"w0", "w1"})
        yield c
    finally:
        c.close()


@pytest.fixture(scope="module")
def slow_class(tmp_path_factory):
    """24 slow submissions and their local grading (the reference)."""
    tmp = tmp_path_factory.mktemp("slow")
    _class(tmp / "class", 24, SLOW)
    proc = _grade(tmp / "class", tmp / "local", "-j", "2")
    assert proc.returncode == 0, proc.stderr
    return tmp / "class", _outputs(tmp / "local")


def test_cluster_results_are_byte_identical_to_local(cluster, tmp_path):
    _class(tmp_path / "class", 40)
    local = _grade(tmp_path / "class", tmp_path / "local", "-j", "2")
    assert local.returncode == 0, local.stderr
    dask = _grade(tmp_path / "class", tmp_path / "dask", "--scheduler", cluster.address,
                  "--batch-size", "7")  # fmt: skip
    assert dask.returncode == 0, dask.stderr
    expected, got = _outputs(tmp_path / "local"), _outputs(tmp_path / "dask")
    assert sorted(got) == sorted(expected)
    assert [name for name in expected if got[name] != expected[name]] == []
    records = [json.loads(line) for line in expected["results.jsonl"].splitlines()]
    assert len(records) == 40 and sum(r["passed"] for r in records) == 7  # 40 // 6 + 1
    journal = _journal(tmp_path / "dask")
    assert len(journal) == 40 and len({j["task"] for j in journal}) == 40


def test_a_worker_killed_mid_batch_loses_nothing(cluster, slow_class, tmp_path):
    cls, expected = slow_class
    out = tmp_path / "dask"
    run = _grade(cls, out, "--scheduler", cluster.address, "--batch-size", "3", wait=False)
    try:
        # Once a batch is done (the pools are warm) and a worker is busy with another: kill it.
        _wait(lambda: (out / "journal.jsonl").is_file() and _journal(out), 300, "a first batch",
              run)  # fmt: skip
        busy = _wait(lambda: [a for a, keys in cluster.client.processing().items() if keys],
                     120, "a busy worker")  # fmt: skip
        name = cluster.client.scheduler_info()["workers"][busy[0]]["name"]
        done_before = len(_journal(out))
        cluster.kill(name)
        assert run.poll() is None, "the run ended before the kill"
        assert done_before < 24
        _, stderr = run.communicate(timeout=600)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
    assert run.returncode == 0, stderr
    got = _outputs(out)
    assert [name for name in expected if got.get(name) != expected[name]] == []
    records = [json.loads(line) for line in got["results.jsonl"].splitlines()]
    assert len(records) == len({(r["student"], r["exercise"]) for r in records}) == 24
    journal = _journal(out)  # each job once: a lost batch is redone, never counted twice
    assert len(journal) == 24 and len({j["task"] for j in journal}) == 24
    cluster.start_worker(name)
    cluster.wait_for({"w0", "w1"})


def test_an_interrupted_run_resumes_from_its_journal(cluster, slow_class, tmp_path):
    cls, expected = slow_class
    out = tmp_path / "dask"
    run = _grade(cls, out, "--scheduler", cluster.address, "--batch-size", "3", wait=False)
    try:
        _wait(lambda: (out / "journal.jsonl").is_file() and len(_journal(out)) >= 6, 300,
              "two batches", run)  # fmt: skip
    finally:
        os.killpg(run.pid, signal.SIGKILL)  # the driver dies; the cluster lives on
        run.wait()
    done = {j["task"] for j in _journal(out)}
    assert 6 <= len(done) < 24 and not (out / "results.jsonl").exists()
    again = _grade(cls, out, "--scheduler", cluster.address, "--batch-size", "3", "--resume")
    assert again.returncode == 0, again.stderr
    assert f"resume: {len(done)} of 24 job(s) reused" in again.stderr
    got = _outputs(out)
    assert [name for name in expected if got.get(name) != expected[name]] == []
    journal = _journal(out)
    assert len(journal) == 24 and {j["task"] for j in journal} >= done


def test_resume_without_a_cluster_reuses_everything(cluster, slow_class, tmp_path):
    cls, expected = slow_class
    first = _grade(cls, tmp_path / "out", "--scheduler", cluster.address, "--batch-size", "12")
    assert first.returncode == 0, first.stderr
    start = time.monotonic()
    again = _grade(cls, tmp_path / "out", "--resume")  # locally: no job is graded again
    assert again.returncode == 0, again.stderr
    assert "resume: 24 of 24 job(s) reused" in again.stderr
    assert _outputs(tmp_path / "out") == expected
    print(f"resume of 24 journaled jobs: {time.monotonic() - start:.1f} s")


def test_local_grading_needs_no_dask(tmp_path):
    """With dask unimportable, a local run works and --scheduler says what to install."""
    _class(tmp_path / "class", 3)
    code = ("import sys\nsys.modules['dask'] = sys.modules['distributed'] = None\n"
            "from grader.cli import main\nrc = main(sys.argv[1:])\n"
            "assert not [m for m, v in sys.modules.items() if v is not None\n"
            "            and m.split('.')[0] in ('dask', 'distributed')]\n"
            "sys.exit(rc)\n")  # fmt: skip
    base = [sys.executable, "-c", code, "grade", str(tmp_path / "class"), "--exercise",
            "fx_softmax", "--root", str(FIXTURES), "--sandbox", "none", "--no-progress"]  # fmt: skip
    local = subprocess.run(base + ["--out", str(tmp_path / "a")], cwd=ROOT, capture_output=True,
                           text=True, timeout=300)  # fmt: skip
    assert local.returncode == 0, local.stderr
    assert (tmp_path / "a" / "gradebook.csv").is_file()
    remote = subprocess.run(base + ["--out", str(tmp_path / "b"), "--scheduler",
                                    "tcp://127.0.0.1:1"], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)  # fmt: skip
    assert remote.returncode == 2
    assert remote.stderr == ("error: --scheduler needs Dask: pip install -e '.[dask]' "
                             "(on the driver and on every worker)\n")  # fmt: skip


def test_bad_settings_are_one_line_errors(tmp_path):
    from grader.distributed import DistributedError, grade_batch, pool_for

    with pytest.raises(DistributedError, match=r"cannot reach the Dask scheduler at "
                       r"tcp://127\.0\.0\.1:1: "):  # fmt: skip
        pool_for(jobs=1, protected=[], sandbox="none", scheduler="tcp://127.0.0.1:1",
                 out=str(tmp_path), connect_timeout=2)  # fmt: skip
    with pytest.raises(DistributedError, match="--resume needs --out"):
        pool_for(jobs=1, protected=[], sandbox="none", resume=True)
    with pytest.raises(DistributedError, match="another grader or NumPy"):
        grade_batch([], {"grader": "0" * 64, "jobs": 1, "sandbox": "none", "protected": []})
