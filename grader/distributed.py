"""Grading beyond one machine: batches of jobs on a Dask cluster, and resumable runs.

    python -m grader grade class/ --out grades/ --scheduler tcp://HOST:8786 [--resume]

The driver (this process) loads the exercises and the submissions as for a local run, cuts
the tasks into batches (`--batch-size`, 100 by default, so the scheduler's cost per task
is spread over many jobs) and submits each batch to the Dask scheduler. A Dask worker runs
`grade_batch`: the same `grader.isolate.Pool` a local run uses (zygotes warmed once per
worker process and kept between batches; the same sandbox), so every result is the one a
local run gives. A worker that dies mid-batch loses nothing: the scheduler gives its
batches to another worker, and the driver takes exactly one result per batch.

Each finished batch is appended to `<out>/journal.jsonl` (one line per task: a digest of
what the task is, and its result). `--resume` reuses every journaled result whose task is
unchanged (the exercise, the code or answers, this grader's source and NumPy, the sandbox)
and grades only the rest, locally or on the cluster. Dask is imported only here and only
with `--scheduler` (the `dask` extra); local grading needs none of it.

Trust: the driver and the Dask workers are the grader's parent side (they hold the full
bundles and compute verdicts); student code runs only in the pool's children. Dask's own
channel carries pickles, so keep the scheduler on a private network or use `tls://`.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import threading
import time

BATCH = 100
CONNECT_TIMEOUT = 30  # seconds to reach the scheduler and see a first worker
IDLE_TIMEOUT = 300  # seconds without any worker before the run gives up
RETRIES = 2  # extra tries of a batch that raised (a dead worker is handled by Dask itself)
JOURNAL = "journal.jsonl"


class DistributedError(RuntimeError):
    """Distributed or resumed grading cannot go on (one line: what and what to do)."""


# ---------------------------------------------------------------- what a task is


_FINGERPRINT: list[str] = []


def grader_fingerprint() -> str:
    """This grader's identity: its source files, Python and NumPy (a result depends on them).

    Taken once per process, at first use: a worker compares the grader it runs with the
    driver's, so a cluster never mixes two versions in one gradebook.
    """
    if _FINGERPRINT:
        return _FINGERPRINT[0]
    import numpy

    h = hashlib.sha256()
    here = os.path.dirname(os.path.abspath(__file__))
    for name in sorted(os.listdir(here)):
        if name.endswith(".py"):
            with open(os.path.join(here, name), "rb") as f:
                h.update(name.encode() + b"\0" + f.read() + b"\0")
    h.update(f"python {sys.version.split()[0]} numpy {numpy.__version__}".encode())
    _FINGERPRINT.append(h.hexdigest())
    return _FINGERPRINT[0]


class Digests:
    """A digest per task: exercise (all of its bundle but the folder path), code, answers,
    the grader's fingerprint and the sandbox. Equal digests, equal results."""

    def __init__(self, sandbox: str):
        self.salt = f"{grader_fingerprint()} {sandbox}"
        self.bundles: dict[int, str] = {}

    def __call__(self, task: dict) -> str:
        bundle = task["bundle"]
        if id(bundle) not in self.bundles:
            data = {k: v for k, v in bundle.items() if k != "path"}
            text = json.dumps(data, sort_keys=True, default=str)
            self.bundles[id(bundle)] = hashlib.sha256(text.encode("utf-8")).hexdigest()
        work = json.dumps([task.get("code"), task.get("answers")], sort_keys=True, default=str)
        line = f"{self.salt}\n{self.bundles[id(bundle)]}\n{work}"
        return hashlib.sha256(line.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------- the journal


def _plausible(result) -> bool:
    return (type(result) is dict and type(result.get("passed")) is bool
            and type(result.get("tests")) is list
            and all(type(result.get(k)) in (int, float) for k in ("score", "max_score")))  # fmt: skip


class Journal:
    """`<out>/journal.jsonl`: each finished task's digest and result, appended per batch."""

    def __init__(self, path: str, *, resume: bool):
        self.path = path
        self.done: dict[str, dict] = {}
        self.skipped = 0  # lines not reused (cut short by a crash, or not a result)
        if resume and os.path.isfile(path) and not os.path.islink(path):
            with open(path, encoding="utf-8") as f:
                for line in f:
                    try:
                        row = json.loads(line)
                        digest, result = row["task"], row["result"]
                    except (ValueError, KeyError, TypeError):
                        self.skipped += 1
                        continue
                    if type(digest) is str and _plausible(result):
                        self.done.setdefault(digest, result)
                    else:
                        self.skipped += 1
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        flags |= os.O_APPEND if resume else os.O_TRUNC
        fd = os.open(path, flags, 0o644)
        size = os.fstat(fd).st_size
        cut = size > 0 and os.pread(fd, 1, size - 1) != b"\n"
        self.file = open(fd, "a", encoding="utf-8")
        if cut:
            self.file.write("\n")  # a line cut short by a crash stays on its own line

    def add(self, pairs) -> None:
        """Append (digest, result) pairs and make them durable before going on."""
        for digest, result in pairs:
            self.file.write(json.dumps({"task": digest, "result": result}, sort_keys=True) + "\n")
        self.file.flush()
        os.fsync(self.file.fileno())

    def close(self) -> None:
        self.file.close()


# ------------------------------------------------------------------ worker side

_POOLS: dict[tuple, object] = {}
_POOLS_LOCK = threading.Lock()


def _close_pools() -> None:
    with _POOLS_LOCK:
        for pool in _POOLS.values():
            pool.close()
        _POOLS.clear()


def grade_batch(tasks: list[dict], settings: dict) -> list[dict]:
    """Run on a Dask worker: grade a batch with this worker's pool (made on first use)."""
    mine = grader_fingerprint()
    if mine != settings["grader"]:
        raise DistributedError(
            f"this worker runs another grader or NumPy (fingerprint {mine[:12]}, the driver "
            f"{settings['grader'][:12]}): install the same checkout on every worker"
        )
    from .isolate import Pool

    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    protected = [*settings["protected"], os.path.join(repo, "exercises"),
                 os.path.join(repo, "tests")]  # fmt: skip
    key = (threading.get_ident(), settings["jobs"], settings["sandbox"], tuple(protected))
    with _POOLS_LOCK:
        pool = _POOLS.get(key)
        if pool is None:
            if not _POOLS:
                import atexit

                atexit.register(_close_pools)
            for old in [k for k in _POOLS if k[0] == key[0]]:  # another run's settings
                _POOLS.pop(old).close()
            pool = _POOLS[key] = Pool(settings["jobs"], protected=protected,
                                      sandbox=settings["sandbox"])  # fmt: skip
    return pool.map(tasks)


# ------------------------------------------------------------------ driver side


def _dask():
    try:
        import distributed
    except ImportError:
        raise DistributedError("--scheduler needs Dask: pip install -e '.[dask]' "
                               "(on the driver and on every worker)") from None  # fmt: skip
    return distributed


class DaskBackend:
    """Batches of tasks to the workers of one Dask scheduler; one result per batch."""

    def __init__(self, address: str, settings: dict, *, connect_timeout=CONNECT_TIMEOUT,
                 idle_timeout=IDLE_TIMEOUT):  # fmt: skip
        distributed = _dask()
        self.address, self.settings, self.idle_timeout = address, settings, idle_timeout
        try:
            self.client = distributed.Client(address, timeout=connect_timeout,
                                             set_as_default=False)  # fmt: skip
        except (OSError, TimeoutError, ValueError) as exc:
            raise DistributedError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        try:
            self.client.wait_for_workers(1, timeout=connect_timeout)
        except (OSError, TimeoutError) as exc:
            self.client.close()
            raise DistributedError(f"no Dask worker joined {address} within {connect_timeout} s "
                                   f"({exc or 'timed out'}): start some with "
                                   f"'dask worker {address}'") from None  # fmt: skip
        self.run = hashlib.sha256(os.urandom(16)).hexdigest()[:12]

    def close(self) -> None:
        self.client.close()

    def grade(self, batches: list[list[dict]], done) -> None:
        """Submit every batch; call done(n, results) once per batch as each finishes."""
        futures = {}
        for n, batch in enumerate(batches):
            f = self.client.submit(grade_batch, batch, self.settings, key=f"nprl-grade-{self.run}-{n}",
                                   pure=False, retries=RETRIES)  # fmt: skip
            futures[f.key] = (n, f)
        pending = dict(futures)
        alone_since, checked = None, 0.0
        while pending:
            finished = [k for k, (_, f) in pending.items() if f.done()]
            for k in sorted(finished, key=lambda k: pending[k][0]):
                n, f = pending.pop(k)
                if f.status != "finished":
                    exc = f.exception()
                    raise DistributedError(f"batch {n} ({len(batches[n])} jobs) failed on the "
                                           f"cluster: {type(exc).__name__}: {exc}")  # fmt: skip
                done(n, f.result())
            if finished or not pending:
                continue
            time.sleep(0.02)
            if time.monotonic() - checked > 5:
                checked = time.monotonic()
                if self.client.nthreads():
                    alone_since = None
                elif alone_since is None:
                    alone_since = checked
                elif checked - alone_since > self.idle_timeout:
                    raise DistributedError(f"no Dask worker left at {self.address} for "
                                           f"{self.idle_timeout} s")  # fmt: skip


class LocalBackend:
    """Batches of tasks through one local pool (used to journal a local --resume run)."""

    def __init__(self, pool):
        self.pool = pool

    def close(self) -> None:
        self.pool.close()

    def grade(self, batches: list[list[dict]], done) -> None:
        for n, batch in enumerate(batches):
            done(n, self.pool.map(batch))


class Grading:
    """A pool with `map(tasks, progress)` like `Pool`: on a backend, journaled, resumable."""

    def __init__(self, backend, *, journal: Journal | None, digests: Digests, batch: int):
        self.backend, self.journal, self.digests, self.batch = backend, journal, digests, batch
        self.reused = 0

    def __enter__(self) -> Grading:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.backend.close()
        if self.journal is not None:
            self.journal.close()

    def map(self, tasks: list[dict], progress=None) -> list[dict]:
        """One result per task, in task order (journaled ones reused, the rest graded)."""
        digests = [self.digests(t) for t in tasks]
        done_before = self.journal.done if self.journal is not None else {}
        results: list = [None] * len(tasks)
        todo = []
        for i, d in enumerate(digests):
            if d in done_before:
                results[i] = done_before[d]
                self.reused += 1
                if progress is not None:
                    progress()
            else:
                todo.append(i)
        chunks = [todo[k : k + self.batch] for k in range(0, len(todo), self.batch)]
        seen = set()

        def finished(n: int, batch_results: list[dict]) -> None:
            if n in seen:  # never count a batch twice
                return
            seen.add(n)
            chunk = chunks[n]
            if len(batch_results) != len(chunk):
                raise DistributedError(f"batch {n}: {len(batch_results)} results for "
                                       f"{len(chunk)} jobs")  # fmt: skip
            for i, result in zip(chunk, batch_results):
                results[i] = result
            if self.journal is not None:
                self.journal.add((digests[i], results[i]) for i in chunk)
            if progress is not None:
                for _ in chunk:
                    progress()

        if self.reused:
            print(f"resume: {self.reused} of {len(tasks)} job(s) reused from "
                  f"{self.journal.path}", file=sys.stderr)  # fmt: skip
        self.backend.grade([[tasks[i] for i in chunk] for chunk in chunks], finished)
        missing = [i for i, r in enumerate(results) if r is None]
        if missing:
            raise DistributedError(f"{len(missing)} job(s) came back without a result")
        return results


def pool_for(*, jobs, protected, sandbox: str, scheduler: str | None = None, out=None,
             resume: bool = False, batch: int = BATCH, connect_timeout=CONNECT_TIMEOUT):  # fmt: skip
    """With a scheduler or `resume`: a `Grading` on Dask or on a local pool, journaled in
    `<out>/journal.jsonl`; else None (grade then uses a plain local `Pool`)."""
    from .isolate import Pool

    if scheduler is None and not resume:
        return None
    if resume and not out:
        raise DistributedError("--resume needs --out: it reuses <out>/journal.jsonl")
    if batch < 1:
        raise DistributedError(f"--batch-size must be at least 1, got {batch}")
    digests = Digests(sandbox)
    if scheduler is not None:
        settings = {"jobs": jobs, "sandbox": sandbox, "grader": digests.salt.split()[0],
                    "protected": sorted(os.path.abspath(p) for p in protected)}  # fmt: skip
        backend = DaskBackend(scheduler, settings, connect_timeout=connect_timeout)
    else:
        backend = LocalBackend(Pool(jobs, protected=protected, sandbox=sandbox))
    journal = Journal(os.path.join(out, JOURNAL), resume=resume) if out else None
    return Grading(backend, journal=journal, digests=digests, batch=batch)
