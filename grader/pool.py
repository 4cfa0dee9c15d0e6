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

    from . import guard

    key = bytes.fromhex(job.pop("key"))
    scratch = tempfile.mkdtemp(prefix="job-", dir=scratch_root)
    read_fd, write_fd = os.pipe()
    sys.stdout.flush()
    # What this zygote itself changed since the last job (a module its loop imported, a
    # temp-name sequence) becomes the state the child starts from, so that each child's
    # first pass finds nothing to take in and no pass to rebuild.
    guard.baseline().mark_session()
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

    # Import and snapshot everything a check touches, once, before any fork: the browser's
    # path and the child's recording path (its modules would otherwise be imported, and the
    # guard's passes rebuilt, in every child).
    code = "def f(x):\n    return x\n"
    check({"action": "check", "exercise": _WARM_UP, "code": code})
    from . import guard
    from .record import grade_in_child

    limits = {"wall": 10, "cpu": 10, "cpu_hard": 11}
    grade_in_child({"id": 0, "mode": "check", "bundle": _WARM_UP, "code": code, "limits": limits})
    grade_in_child({"id": 0, "mode": "quiz", "bundle": _WARM_UP, "code": "answers = {}",
                    "limits": limits})  # fmt: skip
    guard.baseline().use_version_tags()  # (grader.versions: children then copy fewer pages)
    guard.baseline().ready_to_fork()
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
        key = bytes.fromhex(job.get("key", ""))  # (run_job pops it: the child signs with it)
        try:
            reply = run_job(job, scratch_root)
        except Exception as exc:  # noqa: BLE001 - keep the zygote alive for other jobs
            reply = {"id": job.get("id"), "status": "zygote_error", "detail": repr(exc)}
        reply["rmac"] = _reply_mac(key, reply)
        stdout.write(json.dumps(reply).encode("utf-8") + b"\n")
        stdout.flush()


def _reply_mac(key: bytes, reply: dict) -> str:
    """HMAC of a whole reply under its job's key: a line that does not carry it was not
    written by the zygote for that job (a stray line cannot speak for a later job)."""
    import hmac

    body = json.dumps({k: v for k, v in reply.items() if k != "rmac"}, sort_keys=True)
    return hmac.new(key, body.encode("utf-8", "surrogatepass"), "sha256").hexdigest()


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
            "from grader.sandbox import prepare_zygote; prepare_zygote(); "
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

    def healthy(self) -> bool:
        """Alive and quiet: between jobs a zygote that has exited or sent anything is not."""
        import select

        if self.proc.poll() is not None:
            return False
        ready, _, _ = select.select([self.proc.stdout.fileno()], [], [], 0)
        return not ready

    def submit(self, job: dict, timeout: float) -> dict:
        """Send one job and return its one reply line (a dict), all within `timeout` seconds.

        Raises ChannelError when the zygote does not take the job, stays silent, exits, or
        answers with anything but exactly one JSON object line: the caller then kills it.
        """
        import select
        import time

        deadline = time.monotonic() + timeout
        out_fd, in_fd = self.proc.stdout.fileno(), self.proc.stdin.fileno()
        data = memoryview(json.dumps(job).encode("utf-8") + b"\n")
        os.set_blocking(in_fd, False)  # a stopped zygote must not block the parent's write
        while data:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ChannelError(
                    "worker_stopped", f"it did not take the job within {timeout:g} s"
                )
            _, writable, _ = select.select([], [in_fd], [], remaining)
            if not writable:
                continue
            try:
                data = data[os.write(in_fd, data) :]
            except BlockingIOError:
                continue
            except OSError:
                raise ChannelError("worker_died", "it exited before taking the job") from None
        buf, start, cap = bytearray(), 0, _reply_cap()
        while True:
            end = buf.find(b"\n", start)
            if end >= 0:
                break
            start = len(buf)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ChannelError("worker_stopped", f"it sent no reply within {timeout:g} s")
            readable, _, _ = select.select([out_fd], [], [], remaining)
            if not readable:
                continue
            chunk = os.read(out_fd, 1 << 20)
            if not chunk:
                raise ChannelError("worker_died", "it exited before replying")
            buf += chunk
            if len(buf) > cap:
                raise ChannelError("worker_lied", f"its reply was longer than {cap} bytes")
        if end + 1 != len(buf):
            raise ChannelError("worker_lied", "it sent more than one reply line")
        try:
            reply = json.loads(bytes(buf[:end]))
        except (ValueError, RecursionError):
            raise ChannelError("worker_lied", "its reply was not JSON") from None
        if type(reply) is not dict:
            raise ChannelError("worker_lied", "its reply was not a JSON object")
        return reply

    def kill(self) -> None:
        """SIGKILL the zygote's process group (a stopped one too) and reap it: never reused."""
        import signal

        for send in (lambda: os.killpg(self.proc.pid, signal.SIGKILL), self.proc.kill):
            try:
                send()
            except OSError:
                pass
        try:
            self.proc.wait(timeout=10)
        except Exception:  # noqa: BLE001 - an unreapable zygote must not stop the batch
            pass
        for pipe in (self.proc.stdin, self.proc.stdout):
            try:
                pipe.close()
            except OSError:
                pass

    def close(self) -> None:
        """End a healthy zygote (EOF on its stdin); kill it if it does not exit in 10 s."""
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
        except Exception:  # noqa: BLE001
            self.kill()


class ChannelError(Exception):
    """A zygote failed to answer one job honestly; `status` names how (see `_CHANNEL`)."""

    def __init__(self, status: str, detail: str):
        super().__init__(detail)
        self.status, self.detail = status, detail


# Statuses of a job whose zygote failed it twice (judge._why_no_report words them).
_CHANNEL = {
    "worker_stopped": "The grading worker stopped answering",
    "worker_died": "The grading worker exited",
    "worker_lied": "The grading worker sent a reply that was not for this submission",
}
GRACE = 20.0  # s a zygote may take beyond a job's wall limit (fork, reap, cleanup)


def _reply_cap() -> int:
    """Longest honest reply line: a MAX_REPORT payload JSON-escaped (<= 6 bytes a byte)."""
    from . import jobs

    return 6 * jobs.MAX_REPORT + 65536


class Pool:
    """N zygotes; `map(tasks)` grades (bundle, code, answers) tasks in parallel.

    A task is a dict {"bundle": full bundle, "code": str|None, "answers": dict|None}; the
    result of each is `finish(...)`'s check result. Results come back in task order.

    Every read from a zygote has a deadline (the job's wall limit plus `grace` seconds). A
    zygote that misses it, exits, or sends anything but one authentic reply for the job
    it was given is killed and never used again; its job is retried once on a fresh
    zygote, then marked with the reason. A limit the student's code hit is not retried.
    """

    def __init__(
        self, jobs: int | None = None, *, protected=(), memory: int = MEMORY_LIMIT,
        sandbox: str = "bwrap", grace: float = GRACE,
    ):  # fmt: skip
        import tempfile
        import threading

        from .sandbox import resolve

        if os.name != "posix" or not hasattr(os, "fork"):
            raise RuntimeError("offline isolation needs a posix system (Linux or macOS)")
        self.size = max(1, jobs or os.cpu_count() or 1)
        self.protected = sorted({os.path.realpath(p) for p in protected})
        self.memory = memory
        self.grace = float(grace)
        self.scratch_root = tempfile.mkdtemp(prefix="nprl-grade-")
        self.zygotes: list[Zygote] = []
        self._idle: list[Zygote] = []  # zygotes between two `map` calls
        self._lock = threading.Lock()
        self.sandbox = resolve(sandbox)  # raises SandboxUnavailable (one line) first
        self.protections = list(self.sandbox.protections)

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        import shutil

        with self._lock:
            zygotes, self.zygotes, self._idle = self.zygotes, [], []
        for z in zygotes:
            z.close()
        shutil.rmtree(self.scratch_root, ignore_errors=True)

    def _new_zygote(self) -> Zygote:
        z = Zygote(self.protected, self.scratch_root, self.sandbox)
        with self._lock:
            self.zygotes.append(z)
        return z

    def _discard(self, z: Zygote) -> None:
        """Kill a zygote that failed or misbehaved: it is never trusted again."""
        with self._lock:
            self.zygotes = [y for y in self.zygotes if y is not z]
            self._idle = [y for y in self._idle if y is not z]
        z.kill()

    def _run(self, task: dict, wb: dict, limits: dict, i: int, z):
        """(verified reply, zygote for the next job or None) for one job, on zygote `z`."""
        timeout = limits["wall"] + self.grace
        failure = None
        for _ in range(2):  # the first try, then one retry on a fresh zygote
            if z is not None and not z.healthy():  # died or spoke between jobs
                self._discard(z)
                z = None
            try:
                z = z or self._new_zygote()
            except (RuntimeError, OSError) as exc:
                return {"id": i, "status": "zygote_error", "detail": str(exc)}, None
            key = os.urandom(32)
            try:
                reply = _verify(z.submit(_job(task, wb, limits, i, key), timeout), i, key)
            except ChannelError as exc:
                failure = exc
            except (ValueError, TypeError, RecursionError) as exc:  # a reply _verify chokes on
                failure = ChannelError("worker_lied", f"its reply could not be checked ({exc!r})")
            else:
                status = reply["status"]
                if status not in ("wrong_id", "bad_reply", "zygote_error"):
                    if status in ("bad_signature", "malformed"):
                        self._discard(z)  # its child wrote what it liked: start afresh
                        z = None
                    return reply, z
                failure = ChannelError(
                    "worker_lied" if status != "zygote_error" else "zygote_error",
                    reply.get("detail") or f"its reply failed the parent's check ({status})",
                )
            self._discard(z)
            z = None
        if failure.status == "zygote_error":
            return {"id": i, "status": "zygote_error", "detail": str(failure.detail)[:500]}, None
        detail = f"{_CHANNEL[failure.status]} ({failure.detail}), on two fresh workers"
        return {"id": i, "status": failure.status, "detail": detail, "report": None}, None

    def map(self, tasks: list[dict], progress=None) -> list[dict]:
        import queue
        import threading

        results: list = [None] * len(tasks)
        todo: queue.Queue = queue.Queue()
        for i in range(len(tasks)):
            todo.put(i)
        prepared, crashed = {}, []
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
            with self._lock:  # an idle zygote from an earlier map, if any
                z = self._idle.pop() if self._idle else None
            while True:
                try:
                    i = todo.get_nowait()
                except queue.Empty:
                    if z is not None:
                        with self._lock:
                            self._idle.append(z)
                    return
                task = tasks[i]
                try:
                    wb, tests, limits = prepare(task["bundle"])
                    results[i] = _grade_without_code(task)
                    if results[i] is _NEED_ZYGOTE:
                        reply, z = self._run(task, wb, limits, i, z)
                        results[i] = finish(task["bundle"], tests, limits, task, reply)
                        results[i]["protections"] = self.protections
                except Exception as exc:  # noqa: BLE001 - a grader bug costs only this job
                    crashed.append(exc)
                    results[i] = _internal_error(task["bundle"], exc)
                if progress is not None:
                    with lock:
                        progress()

        threads = [threading.Thread(target=worker, daemon=True) for _ in range(self.size)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        from . import _raise_internal

        if crashed and _raise_internal():
            raise crashed[0]
        return results


_NEED_ZYGOTE = object()


def _internal_error(bundle: dict, exc: Exception) -> dict:
    """The result of a job the parent itself failed on (a grader bug): zero, with why."""
    from .errors import error_data

    return {
        "exercise": bundle.get("id"),
        "action": "check",
        "score": 0,
        "max_score": bundle.get("points", 0),
        "passed": False,
        "tests": [],
        "error": error_data(
            "Grader error",
            f"The grader failed on this submission: {exc!r}",
            "This is not your fault: please tell your instructor.",
        ),  # fmt: skip
        "stdout": "",
    }


def _job(task: dict, wb: dict, limits: dict, i: int, key: bytes) -> dict:
    mode = "quiz" if task["bundle"].get("kind") == "quiz" else "check"
    return {"id": i, "mode": mode, "bundle": wb, "code": task.get("code"), "limits": limits,
            "key": key.hex()}  # fmt: skip


# What a zygote may say about a job, and the type of each field it reports.
_ZYGOTE_STATUSES = ("unverified", "no_report", "too_big", "zygote_error")
_NUMBER = (int, float)


def _verify(reply: dict, job_id: int, key: bytes) -> dict:
    """Check a zygote's reply in the parent: its id, its MAC and fields, then the child's MAC.

    Returns the reply with `status` "reported" and the decoded `report`, or with a status
    that says why not: "wrong_id" or "bad_reply" (the zygote's fault: the pool retries the
    job elsewhere), "zygote_error" (it says it failed), "bad_signature" or "malformed" (the
    child's report: judged as the student's), "no_report", "too_big". Never trusts the
    zygote: only fields of the expected types are kept.
    """
    import hmac

    if type(reply) is not dict or reply.get("id") != job_id or type(reply.get("id")) is not int:
        return {"id": job_id, "status": "wrong_id", "report": None}
    rmac = reply.get("rmac")
    if type(rmac) is not str or not hmac.compare_digest(
        rmac.encode("ascii", "replace"), _reply_mac(key, reply).encode("ascii")
    ):
        return {"id": job_id, "status": "bad_reply", "report": None}
    status = reply.get("status")
    if status not in _ZYGOTE_STATUSES:
        return {"id": job_id, "status": "bad_reply", "report": None}
    if status == "zygote_error":
        detail = reply.get("detail")
        detail = detail[:500] if type(detail) is str else "no detail"
        return {"id": job_id, "status": status, "detail": detail, "report": None}
    fields = {"exit": (int, type(None)), "signal": (int, type(None)), "killed_at_wall": (bool,),
              "cpu": _NUMBER}  # fmt: skip
    if any(type(reply.get(k)) not in types for k, types in fields.items()):
        return {"id": job_id, "status": "bad_reply", "report": None}
    clean = {"id": job_id, "status": status, "report": None, **{k: reply[k] for k in fields}}
    if status != "unverified":
        return clean
    mac, payload = reply.get("mac"), reply.get("payload")
    if type(mac) is not str or type(payload) is not str:
        return {**clean, "status": "malformed"}
    body = payload.encode("utf-8", "surrogatepass")
    expected = hmac.new(key, str(job_id).encode("ascii") + b"\n" + body, "sha256").hexdigest()
    if not hmac.compare_digest(mac.encode("ascii", "replace"), expected.encode("ascii")):
        return {**clean, "status": "bad_signature"}
    try:
        return {**clean, "status": "reported", "report": json.loads(payload)}
    except (ValueError, RecursionError):
        return {**clean, "status": "malformed"}


def _grade_without_code(task):
    """Quiz answers given as data involve no student code: graded right here."""
    bundle = task["bundle"]
    if bundle.get("kind") == "quiz" and task.get("answers") is not None:
        from .judge import grade_answers  # grader.check's result, without a guard session

        return grade_answers(bundle, task["answers"])
    return _NEED_ZYGOTE
