"""The child: one forked process per (student, exercise); its limits and its audit hook.

Everything between fork and the student's first line lives here (`_child_setup`), then
`grader.record.grade_in_child` runs the submission and `_child_main` sends the report, authenticated with
the job's own key (HMAC over the job id and the payload), on a pipe the zygote forwards
unread. The parent (`grader.pool`) verifies it; nothing in this process decides a verdict.
"""

from __future__ import annotations

import json
import os
import sys

from .jobs import _DEBUG, FILE_SIZE_LIMIT, MEMORY_LIMIT

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
_ARM_EVENT = "grader.child.arm"


def _make_child_hook(protected: tuple, scratch_root: str, allowed_tb: tuple):
    """The children's audit hook, built in the zygote; inert until a child arms it.

    `_child_setup` arms it (the audit event `grader.child.arm`, one way: nothing disarms
    it) once the child's own setup (including the sandbox's ctypes calls) is done, so it
    is inert in the zygote and active for every line of student code. Everything it uses
    is captured in this closure (no module global, no patchable attribute), so student
    code cannot switch it off by editing a module. It refuses:
    starting processes, signalling, object-graph introspection, ctypes, frame access
    from generators and (outside the grader's own traceback formatting) tracebacks,
    any access to the protected folders and /proc, and writes outside the scratch root.
    """
    getcwd, fspath = os.getcwd, os.fspath
    getframe, sep, blocked, path_events = sys._getframe, os.sep, dict(_BLOCKED_EVENTS), _PATH_EVENTS
    blocked_imports, frame_attrs, write_flags = (
        _BLOCKED_IMPORTS,
        _FRAME_ATTRS,
        (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC),
    )
    _str, _bytes, _int, _type, _len, _tuple = str, bytes, int, type, len, tuple
    roots = _tuple(r.rstrip(sep) for r in protected) + ("/proc",)
    scratch = scratch_root.rstrip(sep)
    inside_hook, armed = [False], [False]

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
        if not armed[0]:
            if event == _ARM_EVENT:
                armed[0] = True
            return
        if inside_hook[0]:
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
    from .sandbox import enter_job

    enter_job(scratch)  # the OS sandbox (no-op with --sandbox none); exits if it fails
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
    sys.audit(_ARM_EVENT)  # from here on, every audited event goes through the hook
    return high


def _child_main(job: dict, key: bytes, scratch: str, result_fd: int) -> None:
    """Body of a forked child. Never returns."""
    import hmac

    status = 70
    try:
        fd = _child_setup(scratch, result_fd, job["limits"])
        signer = hmac.new(key, str(job["id"]).encode("ascii") + b"\n", digestmod="sha256")
        del key
        from .record import grade_in_child

        report = grade_in_child(job)
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
