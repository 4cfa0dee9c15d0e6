"""The worker pool: zygotes that fork one child per job, and the parent that drives them.

    parent (python -m grader grade)       holds full bundles, computes every verdict
      |  JSON lines over stdin/stdout
    zygote x N (fresh interpreters)       NumPy + grader imported once; no student code ever
      |  fork() per (student, exercise)
    child (grader.child)                  limits, scratch dir, student code + hidden tests

The parent makes a fresh key per job and sends it with the job; the child's report is
authenticated with it (HMAC over job id and payload). The zygote only forwards the bytes:
the parent checks the reply's id and the MAC itself (`_verify`), so no process a student
controls can speak for another job.
"""

from __future__ import annotations

import json
import os
import sys

from .child import _child_main, _make_child_hook
from .jobs import _DEBUG, MAX_REPORT, MEMORY_LIMIT, limits_for, trusted_tests, worker_bundle
from .judge import finish

# -------------------------------------------------------------------------- the zygote


def _read_report(read_fd: int, deadline: float) -> tuple[bytes, bool, bool]:
    """(data, eof, too_big) from the child's pipe, until EOF, the cap or the deadline."""
    import select
    import time

    chunks, size = [], 0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return b"".join(chunks), False, False
        ready, _, _ = select.select([read_fd], [], [], min(remaining, 1.0))
        if not ready:
            continue
        chunk = os.read(read_fd, 65536)
        if not chunk:
            return b"".join(chunks), True, False
        size += len(chunk)
        if size > MAX_REPORT:
            return b"", True, True
        chunks.append(chunk)


def _reap(pid: int, deadline: float) -> tuple[int, object, bool]:
    """Wait for the child until the deadline, then SIGKILL it; (status, rusage, killed)."""
    import select
    import signal
    import time

    killed = False
    try:
        pidfd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        pidfd = None
    try:
        while True:
            got, status, usage = os.wait4(pid, os.WNOHANG)
            if got == pid:
                break
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                try:
                    os.killpg(pid, signal.SIGKILL)
                except OSError:
                    os.kill(pid, signal.SIGKILL)
                killed = True
                _, status, usage = os.wait4(pid, 0)
                break
            if pidfd is not None:
                select.select([pidfd], [], [], min(remaining, 1.0))
            else:
                time.sleep(0.002)
    finally:
        if pidfd is not None:
            os.close(pidfd)
    try:
        os.killpg(pid, signal.SIGKILL)  # anything the child left in its session
    except OSError:
        pass
    return status, usage, killed


def run_job(job: dict, scratch_root: str) -> dict:
    """Fork one child for one job and describe how it ended (runs in the zygote)."""
    import shutil
    import tempfile
    import time

    key = bytes.fromhex(job.pop("key"))
    scratch = tempfile.mkdtemp(prefix="job-", dir=scratch_root)
    read_fd, write_fd = os.pipe()
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        _child_main(job, key, scratch, write_fd)
    os.close(write_fd)
    limits = job["limits"]
    deadline = time.monotonic() + limits["wall"]
    try:
        data, eof, too_big = _read_report(read_fd, deadline)
    finally:
        os.close(read_fd)
    status, usage, killed = _reap(pid, deadline if not eof else time.monotonic() + 5)
    shutil.rmtree(scratch, ignore_errors=True)
    reply = {
        "id": job["id"],
        "exit": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
        "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
        "killed_at_wall": killed and not eof,
        "cpu": round(usage.ru_utime + usage.ru_stime, 3),
        "status": "no_report",
        "report": None,
    }
    del key
    if too_big:
        reply["status"] = "too_big"
    elif data:
        mac, _, payload = data.partition(b"\n")
        reply["status"] = "unverified"  # the parent checks the MAC (`_verify`)
        reply["mac"] = mac.decode("ascii", "replace")
        reply["payload"] = payload.decode("utf-8", "replace")
    return reply


_WARM_UP = {
    "id": "warm_up",
    "kind": "code",
    "points": 1,
    "function_names": ["f"],
    "time_limit": 5,
    "seed": 0,
    "tests": "import numpy as np\nfrom grader.testing import test_case, expect_array\n"
    "@test_case(points=1)\ndef t(student):\n"
    "    expect_array(student.f(np.ones(2)), np.ones(2), name='f')\n",
}


def _zygote_main() -> None:
    """A zygote: import everything once, then fork one child per job line on stdin."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when we stop
    protected = tuple(json.loads(os.environ.pop("NPRL_PROTECTED", "[]")))
    scratch_root = os.environ.pop("NPRL_SCRATCH")
    import numpy  # noqa: F401

    from . import check

    # Import and snapshot everything a check touches, once, before any fork.
    check({"action": "check", "exercise": _WARM_UP, "code": "def f(x):\n    return x\n"})
    import traceback

    from .errors import student_error

    allowed_tb = (student_error.__code__, traceback.walk_tb.__code__)
    allowed_tb += tuple(
        f.__code__ for f in (getattr(traceback, "_walk_tb_with_full_positions", None),) if f
    )
    protected = tuple(os.path.realpath(p) for p in protected)
    sys.addaudithook(_make_child_hook(protected, os.path.realpath(scratch_root), allowed_tb))
    import gc

    gc.collect()
    gc.freeze()  # children share these pages: no collection walks (and copies) them
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    stdout.write(b'{"ready": true}\n')
    stdout.flush()
    for line in stdin:
        job = json.loads(line)
        try:
            reply = run_job(job, scratch_root)
        except Exception as exc:  # noqa: BLE001 - keep the zygote alive for other jobs
            reply = {"id": job.get("id"), "status": "zygote_error", "detail": repr(exc)}
        stdout.write(json.dumps(reply).encode("utf-8") + b"\n")
        stdout.flush()


# ------------------------------------------------------------------------ the parent


class Zygote:
    """One zygote process and its pipes (used by one pool thread at a time)."""

    def __init__(self, protected: list[str], scratch_root: str, sandbox=None):
        import subprocess

        from .sandbox import resolve

        self.protected, self.scratch_root = protected, scratch_root
        package_parent = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        boot = (
            f"import sys; sys.path.insert(0, {package_parent!r}); "
            "from grader.pool import _zygote_main; _zygote_main()"
        )
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",
            "HOME": scratch_root,
            "TMPDIR": scratch_root,
            "PYTHONHASHSEED": "0",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONIOENCODING": "utf-8",
            "OPENBLAS_NUM_THREADS": "1",
            "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
            "MPLBACKEND": "Agg",
            "NPRL_PROTECTED": json.dumps(protected),
            "NPRL_SCRATCH": scratch_root,
        }
        if _DEBUG:
            env["NPRL_ISOLATE_DEBUG"] = _DEBUG
        argv, env = (sandbox or resolve("none")).wrap([sys.executable, "-c", boot], env)
        self.proc = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=None if _DEBUG else subprocess.DEVNULL,
            cwd=scratch_root,
            env=env,
            start_new_session=True,
        )
        ready = self.proc.stdout.readline()
        if not ready.startswith(b'{"ready"'):
            self.close()
            raise RuntimeError("a grading worker failed to start (is NumPy installed?)")

    def submit(self, job: dict) -> dict:
        self.proc.stdin.write(json.dumps(job).encode("utf-8") + b"\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the grading worker died")
        return json.loads(line)

    def close(self) -> None:
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
        except Exception:  # noqa: BLE001
            self.proc.kill()
            self.proc.wait()


class Pool:
    """N zygotes; `map(tasks)` grades (bundle, code, answers) tasks in parallel.

    A task is a dict {"bundle": full bundle, "code": str|None, "answers": dict|None}; the
    result of each is `finish(...)`'s check result. Results come back in task order.
    """

    def __init__(
        self, jobs: int | None = None, *, protected=(), memory: int = MEMORY_LIMIT,
        sandbox: str = "bwrap",
    ):  # fmt: skip
        import tempfile

        from .sandbox import resolve

        if os.name != "posix" or not hasattr(os, "fork"):
            raise RuntimeError("offline isolation needs a posix system (Linux or macOS)")
        self.size = max(1, jobs or os.cpu_count() or 1)
        self.protected = sorted({os.path.realpath(p) for p in protected})
        self.memory = memory
        self.scratch_root = tempfile.mkdtemp(prefix="nprl-grade-")
        self.zygotes: list[Zygote] = []
        self.sandbox = resolve(sandbox)  # raises SandboxUnavailable (one line) first
        self.protections = list(self.sandbox.protections)

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        import shutil

        for z in self.zygotes:
            z.close()
        self.zygotes = []
        shutil.rmtree(self.scratch_root, ignore_errors=True)

    def _new_zygote(self) -> Zygote:
        z = Zygote(self.protected, self.scratch_root, self.sandbox)
        self.zygotes.append(z)
        return z

    def map(self, tasks: list[dict], progress=None) -> list[dict]:
        import queue
        import threading

        results: list = [None] * len(tasks)
        todo: queue.Queue = queue.Queue()
        for i in range(len(tasks)):
            todo.put(i)
        prepared = {}
        lock = threading.Lock()

        def prepare(bundle: dict) -> dict:
            with lock:
                key = id(bundle)
                if key not in prepared:
                    prepared[key] = (
                        worker_bundle(bundle),
                        trusted_tests(bundle),
                        {**limits_for(bundle), "memory": self.memory},
                    )
                return prepared[key]

        def worker() -> None:
            z = None
            while True:
                try:
                    i = todo.get_nowait()
                except queue.Empty:
                    return
                task = tasks[i]
                wb, tests, limits = prepare(task["bundle"])
                results[i] = _grade_without_code(task)
                if results[i] is _NEED_ZYGOTE:
                    key = os.urandom(32)
                    try:
                        z = z or self._new_zygote()
                        reply = _verify(z.submit(_job(task, wb, limits, i, key)), i, key)
                    except (RuntimeError, OSError, ValueError) as exc:
                        if z is not None:
                            z.close()
                        z = None
                        reply = {"id": i, "status": "zygote_error", "detail": str(exc)}
                    results[i] = finish(task["bundle"], tests, limits, task, reply)
                    results[i]["protections"] = self.protections
                if progress is not None:
                    with lock:
                        progress()

        threads = [threading.Thread(target=worker, daemon=True) for _ in range(self.size)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return results


_NEED_ZYGOTE = object()


def _job(task: dict, wb: dict, limits: dict, i: int, key: bytes) -> dict:
    mode = "quiz" if task["bundle"].get("kind") == "quiz" else "check"
    return {"id": i, "mode": mode, "bundle": wb, "code": task.get("code"), "limits": limits,
            "key": key.hex()}  # fmt: skip


def _verify(reply: dict, job_id: int, key: bytes) -> dict:
    """Check a zygote's reply in the parent: its id, then the child's MAC over id + payload.

    Returns the reply with `status` "reported" and the decoded `report`, or with a status
    that says why not ("wrong_id", "bad_signature", "malformed"); never trusts the zygote.
    """
    import hmac

    if type(reply) is not dict or reply.get("id") != job_id:
        return {"id": job_id, "status": "wrong_id", "report": None}
    if reply.get("status") != "unverified":
        return {**reply, "report": None}
    mac, payload = reply.pop("mac", ""), reply.pop("payload", "")
    if type(mac) is not str or type(payload) is not str:
        return {**reply, "status": "malformed", "report": None}
    body = payload.encode("utf-8")
    expected = hmac.new(key, str(job_id).encode("ascii") + b"\n" + body, "sha256").hexdigest()
    if not hmac.compare_digest(mac.encode("ascii", "replace"), expected.encode("ascii")):
        return {**reply, "status": "bad_signature", "report": None}
    try:
        return {**reply, "status": "reported", "report": json.loads(payload)}
    except ValueError:
        return {**reply, "status": "malformed", "report": None}


def _grade_without_code(task):
    """Quiz answers given as data involve no student code: graded right here."""
    bundle = task["bundle"]
    if bundle.get("kind") == "quiz" and task.get("answers") is not None:
        from . import check

        return check({"action": "check", "exercise": bundle, "answers": task["answers"]})
    return _NEED_ZYGOTE
