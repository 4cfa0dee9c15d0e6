"""Process isolation for offline grading: a pool of zygotes forks one child per submission.

Layout (posix only; everything posix-specific is imported inside functions, so this module
still imports in Pyodide, where it is never used):

    parent (python -m grader grade)       holds full bundles, computes every verdict
      |  JSON lines over stdin/stdout
    zygote x N (fresh interpreters)       NumPy + grader imported once; no student code ever
      |  fork() per (student, exercise)
    child                                 limits, scratch dir, student code + hidden tests

A zygote never sees a reference solution, a bug bank or a local path: the parent sends
`worker_bundle(bundle)`. The child reports raw per-test outcomes (name, passed, message),
signed with a per-job HMAC key, over a pipe; the zygote checks the signature and the
parent (`finish`) checks the outcomes against the trusted test list and recomputes
score, max_score and passed. Anything else (no report, a bad signature, a crash, a
limit hit) ends in an honest zero with a reason. See docs/offline-grading.md.
"""

from __future__ import annotations

import json
import math
import os
import sys

from .errors import error_data
from .quiz import earned_points

#: Bundle keys a worker needs for code/debug exercises (never solution, bugs, path).
WORKER_KEYS = ("id", "title", "page", "kind", "points", "functions", "function_names",
               "time_limit", "seed", "tests")  # fmt: skip
MEMORY_LIMIT = 2 * 1024**3  # RLIMIT_AS of a child, bytes
MAX_REPORT = 4 * 1024 * 1024  # bytes a child may send back
MAX_MESSAGE = 2000  # characters kept of one test message
FILE_SIZE_LIMIT = 64 * 1024 * 1024  # RLIMIT_FSIZE: what a child may write into its scratch
_DEBUG = os.environ.get("NPRL_ISOLATE_DEBUG")  # "1": children keep stderr (grader bugs)


# --------------------------------------------------------------------------- limits


def limits_for(bundle: dict) -> dict:
    """CPU and wall-clock limits of one job, from the spec's time_limit (seconds).

    The grader's own timer stops student code after `time_limit` seconds (the same message
    as in the browser); the CPU limit is the hard backstop for code that blocks that timer.
    """
    seconds = float(bundle.get("time_limit", 10))
    cpu = int(math.ceil(seconds)) + 1
    return {"time_limit": seconds, "cpu": cpu, "cpu_hard": cpu + 1, "wall": 2 * (cpu + 1) + 2}


def worker_bundle(bundle: dict) -> dict:
    """The part of a bundle a worker receives: no solution, bugs, path or answer keys."""
    if bundle.get("kind") == "quiz":
        return {k: bundle[k] for k in ("id", "kind", "points", "time_limit", "seed") if k in bundle}
    return {k: bundle[k] for k in WORKER_KEYS if k in bundle}


def trusted_tests(bundle: dict) -> list[dict]:
    """[{name, description, points}] in order: what a correct report must contain.

    Computed in the parent from the full bundle (the hidden tests are the instructor's
    code), so a child cannot add, drop, rename or re-weight a test.
    """
    if bundle.get("kind") == "quiz":
        from .errors import shorten

        return [
            {
                "name": q["id"],
                "description": shorten(" ".join(q["prompt"].split()), 120),
                "points": q.get("points", 0),  # explain questions: no automatic points
            }
            for q in bundle["questions"]
        ]
    from .runner import _doc, load_tests

    return [
        {"name": fn.__name__, "description": _doc(fn), "points": fn._grader_points}
        for fn in load_tests(bundle)
    ]


# ------------------------------------------------------------------ quiz answers as data


def encode_answers(value, depth: int = 0):
    """Student quiz answers as JSON, keeping every type distinction the quiz grader makes.

    Only exact builtin types are looked into (no student method ever runs); anything else
    becomes an opaque placeholder carrying its type name.
    """
    from .errors import describe_type

    t = type(value)
    if depth > 20:
        return {"$type": describe_type(value)}
    if value is None or t in (bool, int, str):
        if t is int and abs(value).bit_length() > 256:
            return {"$type": "int"}
        return value
    if t is float:
        return value if math.isfinite(value) else {"$float": repr(value)}
    if t is list:
        return [encode_answers(v, depth + 1) for v in value[:1000]]
    if t is tuple:
        return {"$tuple": [encode_answers(v, depth + 1) for v in value[:1000]]}
    if t is dict:
        if all(type(k) is str for k in value):
            return {"$dict": {k: encode_answers(v, depth + 1) for k, v in value.items()}}
    return {"$type": describe_type(value)}


def decode_answers(data):
    """Inverse of encode_answers (placeholders become instances of a look-alike class)."""
    if type(data) is list:
        return [decode_answers(v) for v in data]
    if type(data) is dict:
        if "$tuple" in data:
            return tuple(decode_answers(v) for v in data["$tuple"])
        if "$dict" in data:
            return {str(k): decode_answers(v) for k, v in data["$dict"].items()}
        if "$float" in data:
            return float(data["$float"])
        name = str(data.get("$type", "object"))
        return type("Opaque", (), {"__qualname__": name, "__module__": "builtins"})()
    return data


# --------------------------------------------------------------------------- the child


_BLOCKED_EVENTS = {
    "os.fork": "starting processes",
    "os.forkpty": "starting processes",
    "os.system": "starting processes",
    "os.exec": "starting processes",
    "os.posix_spawn": "starting processes",
    "os.spawn": "starting processes",
    "subprocess.Popen": "starting processes",
    "os.kill": "sending signals",
    "os.killpg": "sending signals",
    "signal.pthread_kill": "sending signals",
    "gc.get_objects": "inspecting the grader's objects",
    "gc.get_referrers": "inspecting the grader's objects",
    "gc.get_referents": "inspecting the grader's objects",
    "sys._current_frames": "inspecting the grader's objects",
    "os.symlink": "creating links",
    "os.link": "creating links",
    "socket.connect": "network access",
    "socket.bind": "network access",
    "socket.sendto": "network access",
    "socket.sendmsg": "network access",
}
_PATH_EVENTS = ("open", "os.listdir", "os.scandir", "os.chdir", "os.remove", "os.rename",
                "os.rmdir", "os.mkdir", "os.chmod", "os.chown", "os.truncate", "os.utime",
                "shutil.rmtree")  # fmt: skip
_BLOCKED_IMPORTS = ("_posixsubprocess", "subprocess", "multiprocessing", "ctypes", "_ctypes",
                    "_signal")  # fmt: skip
_FRAME_ATTRS = ("gi_frame", "cr_frame", "ag_frame", "tb_frame")


def _make_child_hook(protected: tuple, scratch_root: str, allowed_tb: tuple):
    """The children's audit hook, built in the zygote; inert there (pid check).

    Everything it uses is captured in this closure (no module global, no patchable
    attribute), so student code cannot switch it off by editing a module. It refuses:
    starting processes, signalling, object-graph introspection, ctypes, frame access
    from generators and (outside the grader's own traceback formatting) tracebacks,
    any access to the protected folders and /proc, and writes outside the scratch root.
    """
    zygote_pid, getpid, getcwd, fspath = os.getpid(), os.getpid, os.getcwd, os.fspath
    getframe, sep, blocked, path_events = sys._getframe, os.sep, dict(_BLOCKED_EVENTS), _PATH_EVENTS
    blocked_imports, frame_attrs, write_flags = (
        _BLOCKED_IMPORTS,
        _FRAME_ATTRS,
        (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC),
    )
    _str, _bytes, _int, _type, _len, _tuple = str, bytes, int, type, len, tuple
    roots = _tuple(r.rstrip(sep) for r in protected) + ("/proc",)
    scratch = scratch_root.rstrip(sep)
    inside_hook = [False]

    def normalise(arg):
        if _type(arg) is _int or arg is None:
            return None
        arg = fspath(arg)
        if _type(arg) is _bytes:
            arg = arg.decode("utf-8", "surrogateescape")
        if not arg.startswith(sep):
            arg = getcwd() + sep + arg
        parts = []
        for part in arg.split(sep):
            if part in ("", "."):
                continue
            if part == "..":
                if parts:
                    parts.pop()
                continue
            parts.append(part)
        return sep + sep.join(parts)

    def under(path, root):
        return path == root or path.startswith(root + sep)

    def hook(event, args):
        if getpid() == zygote_pid or inside_hook[0]:
            return
        why = blocked.get(event)
        if why is None and event.startswith("ctypes."):
            why = "ctypes"
        elif event == "import" and args and args[0] in blocked_imports:
            why = "the module " + args[0]
        elif event == "sys._getframe":
            raise ValueError("sys._getframe is not available during offline grading")
        elif event == "object.__getattr__" and _len(args) > 1 and args[1] in frame_attrs:
            if args[1] != "tb_frame":
                why = "frame access"
            else:
                inside_hook[0] = True
                try:  # only traceback's walker, called (indirectly) by student_error
                    frame, ok = getframe(1), False
                    if frame.f_code is allowed_tb[1] or frame.f_code is allowed_tb[-1]:
                        for _ in range(8):
                            frame = frame.f_back
                            if frame is None:
                                break
                            if frame.f_code is allowed_tb[0]:
                                ok = True
                                break
                finally:
                    inside_hook[0] = False
                if not ok:
                    why = "frame access"
        elif event in path_events and args:
            path = normalise(args[0])
            if path is not None:
                for root in roots:  # the job's own scratch folder is fine wherever it is
                    if under(path, root) and not under(path, scratch):
                        why = "access to " + path
                if why is None and event not in ("open", "os.listdir", "os.scandir", "os.chdir"):
                    if not under(path, scratch):
                        why = "changing files outside the scratch folder"
                if (
                    why is None and event == "open" and _len(args) > 2
                    and _type(args[2]) is _int and args[2] & write_flags
                    and not under(path, scratch) and path != "/dev/null"
                ):  # fmt: skip
                    why = "writing outside the scratch folder"
        if why is not None:
            raise PermissionError(why + " is not allowed during offline grading")

    return hook


def _child_setup(scratch: str, result_fd: int, limits: dict) -> int:
    """Everything between fork and the first line of student code; returns the result fd."""
    import random
    import resource
    import signal
    import tempfile

    os.setsid()
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGPIPE, signal.SIGCHLD):
        signal.signal(sig, signal.default_int_handler if sig == signal.SIGINT else signal.SIG_DFL)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a too-big file is an OSError, not a kill
    # Move the channel to an unpredictable high fd, then close everything else.
    high = 300 + random.SystemRandom().randrange(700)
    os.dup2(result_fd, high, inheritable=False)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1) if _DEBUG else (0, 1, 2):
        os.dup2(null, fd)
    os.closerange(3, high)
    os.closerange(high + 1, 4096)
    os.chdir(scratch)
    os.environ.update(HOME=scratch, TMPDIR=scratch)
    tempfile.tempdir = scratch
    limit = resource.setrlimit
    limit(resource.RLIMIT_CPU, (limits["cpu"], limits["cpu_hard"]))
    limit(resource.RLIMIT_AS, (limits.get("memory", MEMORY_LIMIT),) * 2)
    limit(resource.RLIMIT_CORE, (0, 0))
    limit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))
    limit(resource.RLIMIT_NOFILE, (256, 256))
    try:
        limit(resource.RLIMIT_NPROC, (0, 0))  # not enforced for root: the audit hook is
    except (ValueError, OSError):
        pass
    for name in ("subprocess", "_posixsubprocess", "multiprocessing"):
        sys.modules.pop(name, None)
    return high


def _child_grade(job: dict) -> dict:
    """Grade in the child; return the raw report (outcomes only, never a score)."""
    from . import check

    code = job.get("code")
    if job["mode"] == "quiz":
        from . import guard
        from .runner import captured_output, execute_student_code

        snapshot = guard.baseline()
        snapshot.mark_session()
        try:
            with captured_output() as out:
                namespace, error = execute_student_code(code or "")
            answers = namespace.get("answers")
        finally:
            tampered = guard.Baseline.restore(snapshot)
        answers = encode_answers(answers) if type(answers) is dict else None
        return {"answers": answers, "error": error, "stdout": out.getvalue(), "tampered": tampered}
    result = check({"action": "check", "exercise": job["bundle"], "code": code or ""})
    return {
        "tests": [
            {"name": t["name"], "passed": t["passed"], "message": t["message"]}
            for t in result["tests"]
        ],  # fmt: skip
        "error": result["error"],
        "stdout": result["stdout"],
    }


def _child_main(job: dict, key: bytes, scratch: str, result_fd: int) -> None:
    """Body of a forked child. Never returns."""
    import hmac

    status = 70
    try:
        fd = _child_setup(scratch, result_fd, job["limits"])
        signer = hmac.new(key, digestmod="sha256")
        del key
        report = _child_grade(job)
        payload = json.dumps(report, sort_keys=True).encode("utf-8")
        mac = signer.copy()
        mac.update(payload)
        data = mac.hexdigest().encode("ascii") + b"\n" + payload
        while data:
            data = data[os.write(fd, data) :]
        status = 0
    except BaseException as exc:  # noqa: BLE001 - the parent reports a missing result
        status = 71
        if _DEBUG:  # (the audit hook refuses traceback.print_exc here)
            sys.stderr.write(f"grader child failed: {exc!r}\n")
    finally:
        os._exit(status)


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
    import hmac
    import shutil
    import tempfile
    import time

    key = os.urandom(32)
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
    if too_big:
        reply["status"] = "too_big"
    elif data:
        mac, _, payload = data.partition(b"\n")
        expected = hmac.new(key, payload, "sha256").hexdigest().encode("ascii")
        if not hmac.compare_digest(mac, expected):
            reply["status"] = "bad_signature"
        else:
            try:
                reply["report"] = json.loads(payload.decode("utf-8"))
                reply["status"] = "reported"
            except (UnicodeDecodeError, ValueError):
                reply["status"] = "malformed"
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

    def __init__(self, protected: list[str], scratch_root: str):
        import subprocess

        self.protected, self.scratch_root = protected, scratch_root
        package_parent = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        boot = (
            f"import sys; sys.path.insert(0, {package_parent!r}); "
            "from grader.isolate import _zygote_main; _zygote_main()"
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
        self.proc = subprocess.Popen(
            [sys.executable, "-c", boot],
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

    def __init__(self, jobs: int | None = None, *, protected=(), memory: int = MEMORY_LIMIT):
        import tempfile

        if os.name != "posix" or not hasattr(os, "fork"):
            raise RuntimeError("offline isolation needs a posix system (Linux or macOS)")
        self.size = max(1, jobs or os.cpu_count() or 1)
        self.protected = sorted({os.path.realpath(p) for p in protected})
        self.memory = memory
        self.scratch_root = tempfile.mkdtemp(prefix="nprl-grade-")
        self.zygotes: list[Zygote] = []

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
        z = Zygote(self.protected, self.scratch_root)
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
                    try:
                        z = z or self._new_zygote()
                        reply = z.submit(_job(task, wb, limits, i))
                    except (RuntimeError, OSError, ValueError) as exc:
                        if z is not None:
                            z.close()
                        z = None
                        reply = {"id": i, "status": "zygote_error", "detail": str(exc)}
                    results[i] = finish(task["bundle"], tests, limits, task, reply)
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


def _job(task: dict, wb: dict, limits: dict, i: int) -> dict:
    mode = "quiz" if task["bundle"].get("kind") == "quiz" else "check"
    return {"id": i, "mode": mode, "bundle": wb, "code": task.get("code"), "limits": limits}


def _grade_without_code(task):
    """Quiz answers given as data involve no student code: graded right here."""
    bundle = task["bundle"]
    if bundle.get("kind") == "quiz" and task.get("answers") is not None:
        from . import check

        return check({"action": "check", "exercise": bundle, "answers": task["answers"]})
    return _NEED_ZYGOTE


# ------------------------------------------------------------------------ the verdict


_SIGNAL_NAMES = {4: "SIGILL", 6: "SIGABRT", 7: "SIGBUS", 8: "SIGFPE", 9: "SIGKILL",
                 11: "SIGSEGV", 24: "SIGXCPU", 25: "SIGXFSZ"}  # fmt: skip


def _why_no_report(reply: dict, limits: dict) -> dict:
    status, sig, code = reply.get("status"), reply.get("signal"), reply.get("exit")
    if status == "bad_signature":
        return error_data(
            "Result rejected",
            "The grading process sent a result that is not authentic, so no points can be given.",
            "Do not write to the grader's files or pipes.",
        )
    if status in ("too_big", "malformed"):
        return error_data("Result rejected", f"The grading process sent a {status.replace('_', ' ')} "
                      "result, so no points can be given.")  # fmt: skip
    if status == "zygote_error":
        return error_data("Grader error", f"The grading worker failed: {reply.get('detail')}",
                      "This is not your fault: please tell your instructor.")  # fmt: skip
    if reply.get("killed_at_wall"):
        return error_data(
            "Time limit exceeded",
            f"Your code was still running after {limits['wall']:g} s and was stopped.",
            "Look for a loop that never ends, or a call that waits forever.",
        )
    if sig == 24 or (sig == 9 and reply.get("cpu", 0) >= limits["cpu"] - 0.05):
        return error_data(
            "Time limit exceeded",
            f"Your code used more than {limits['cpu']:g} s of CPU time and was stopped.",
            "Look for a loop whose condition never becomes false.",
        )
    if sig is not None:
        name = _SIGNAL_NAMES.get(sig, f"signal {sig}")
        return error_data(
            "Grading crashed",
            f"The grading process was killed by {name} before reporting a result.",
            "Code that crashes the interpreter (or kills it) earns no points.",
        )
    return error_data(
        "Grading crashed",
        f"The grading process ended with status {code} before reporting a result.",
        "Do not call exit(), os._exit() or similar in your code.",
    )


def _clean_error(error) -> dict | None:
    if error is None:
        return None
    if type(error) is not dict:
        raise ValueError("error is not an object")
    out = {}
    for key in ("title", "message", "hint", "traceback"):
        value = error.get(key, "")
        if type(value) is not str:
            raise ValueError(f"error.{key} is not a string")
        out[key] = value[: MAX_MESSAGE * 4]
    line = error.get("line")
    if line is not None and type(line) is not int:
        raise ValueError("error.line is not an int")
    out["line"] = line
    return out


def _not_run(tests: list[dict], error: dict) -> list[dict]:
    note = f"Not run: {error['title'].lower()}."
    return [{**t, "passed": False, "message": note} for t in tests]


def finish(bundle: dict, tests: list[dict], limits: dict, task: dict, reply: dict) -> dict:
    """The verdict for one job, computed from the child's raw report and trusted data only.

    A pure function of its arguments: the same report gives the same result anywhere.
    """
    result_tests, error, stdout = None, None, ""
    report = reply.get("report") if reply.get("status") == "reported" else None
    if report is None:
        error = _why_no_report(reply, limits)
    else:
        try:
            if type(report) is not dict:
                raise ValueError("the report is not an object")
            error = _clean_error(report.get("error"))
            stdout = report.get("stdout", "")
            if type(stdout) is not str:
                raise ValueError("stdout is not a string")
            if bundle.get("kind") == "quiz":
                result_tests, error = _quiz_outcomes(bundle, report, error)
            else:
                result_tests = _code_outcomes(tests, report, error)
        except (ValueError, KeyError, TypeError) as exc:
            error = error_data("Result rejected", f"The grading process sent a malformed result "
                           f"({exc}), so no points can be given.")  # fmt: skip
            result_tests, stdout = None, ""
    if error is not None and error["title"] == "Grader error" and "MemoryError" in error["message"]:
        error = error_data(
            "Out of memory",
            f"Your code needed more than the {limits.get('memory', MEMORY_LIMIT) / 1024**3:g} GiB "
            "of memory allowed and was stopped.",
            "Look for arrays far larger than the inputs, or a list that grows without end.",
        )
        result_tests = None
    if result_tests is None:
        result_tests = _not_run(tests, error)
    score = sum(earned_points(t) for t in result_tests)
    max_score = sum(t["points"] for t in tests)
    return {
        "exercise": bundle["id"],
        "action": "check",
        "score": score,
        "max_score": max_score,
        "passed": error is None and score == max_score,
        "tests": result_tests,
        "error": error,
        "stdout": stdout[:30000],
    }


def _code_outcomes(tests: list[dict], report: dict, error) -> list[dict] | None:
    got = report.get("tests")
    if type(got) is not list:
        raise ValueError("tests is not a list")
    if not got and error is not None:
        return None  # the grader stopped before the tests (e.g. a grader error)
    if [t.get("name") if type(t) is dict else None for t in got] != [t["name"] for t in tests]:
        raise ValueError("the tests do not match the exercise's hidden tests")
    out = []
    for trusted, t in zip(tests, got, strict=True):
        if type(t.get("passed")) is not bool or type(t.get("message")) is not str:
            raise ValueError(f"test {trusted['name']} has no verdict")
        out.append({**trusted, "passed": t["passed"], "message": t["message"][:MAX_MESSAGE]})
    return out


def _quiz_outcomes(bundle: dict, report: dict, error):
    from . import check
    from .quiz import void

    answers = report.get("answers")
    answers = decode_answers(answers) if answers is not None else None
    graded = check({"action": "check", "exercise": bundle, "answers": answers or {}})
    tests = graded["tests"]
    if error is None and type(answers) is not dict:
        error = error_data("No answers", "Define `answers = {...}` as in the starter.")
    if report.get("tampered") is True:
        tests = [void(t) for t in tests]
        error = error_data(
            "Grader modified",
            "Your code changed NumPy, builtins or the grader while it was being checked, "
            "so no points can be given.",
            "Define your functions without patching other modules.",
        )
    return tests, error
