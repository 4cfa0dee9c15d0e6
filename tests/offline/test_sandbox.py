"""The OS sandbox on its own (grader.sandbox): what it promises holds without the audit hook.

`confined(...)` starts a real zygote with `Sandbox.wrap` and `prepare_zygote`, forks one
job per code string and confines each with `enter_job`, exactly as grading does, but runs
the code with no audit hook and no resource limit: whatever it is refused here, the
operating system refused. The attacks through `python -m grader grade` are in
test_attacks_sandbox.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")

# Runs inside bwrap as the zygote; argv: package parent, JSON list of jobs.
DRIVER = r"""
import json, os, sys, time
sys.path.insert(0, sys.argv[1])
from grader import sandbox
sandbox.prepare_zygote()
scratch = os.path.join(os.environ["NPRL_SCRATCH"], "job")
os.mkdir(scratch)
results = []
for job in json.loads(sys.argv[2]):
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        if job.get("nested"):  # as if the kernel refused the job's pid namespace
            sandbox._JOB._unshare = lambda flags: -1
            if os.fork() != 0:
                os._exit(os.waitstatus_to_exitcode(os.wait()[1]))
        sandbox.enter_job(scratch)
        os.chdir(scratch)
        out = {}
        try:
            exec(job["code"], {"out": out, "scratch": scratch, "__name__": "job"})
        except BaseException as exc:
            out["raised"] = f"{type(exc).__name__}: {exc}"
        os.write(w, json.dumps(out).encode())
        os._exit(0)
    os.close(w)
    data = b""
    while chunk := os.read(r, 1 << 16):
        data += chunk
    os.close(r)
    _, status = os.waitpid(pid, 0)
    results.append({
        "status": status,
        "out": json.loads(data) if data else None,
        "pids_after": sorted(int(p) for p in os.listdir("/proc") if p.isdigit()),
        "scratch_after": os.listdir(scratch),
    })
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
def sandbox():
    from grader.sandbox import resolve

    return resolve("bwrap")  # fails with the install line where bubblewrap is missing


def confined(sandbox, *codes, tmp_path, features=None, nested=False) -> list[dict]:
    """Run each code string as one job of one sandboxed zygote; [{status, out, ...}]."""
    from grader.sandbox import Sandbox

    if features is not None:
        sandbox = Sandbox("bwrap", bwrap=sandbox.bwrap, features=features)
    scratch_root = tmp_path / "scratch-root"
    scratch_root.mkdir(exist_ok=True)
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "NPRL_SCRATCH": str(scratch_root)}
    jobs = [{"code": textwrap.dedent(c), "nested": nested} for c in codes]
    parent = str(ROOT)
    argv, env = sandbox.wrap([sys.executable, "-c", DRIVER, parent, json.dumps(jobs)], env)
    proc = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = json.loads(proc.stdout.splitlines()[-1])
    assert len(results) == len(codes)
    return results


def job_out(result: dict) -> dict:
    assert result["status"] == 0 and result["out"] is not None, result
    assert "raised" not in result["out"], result["out"]
    return result["out"]


# ------------------------------------------------------------------ resolve and report


def test_protections_list_what_is_active(sandbox, pool, softmax_bundle):
    from grader.sandbox import resolve

    assert resolve("none").protections == ["process per job", "resource limits", "audit hook"]
    listed = " | ".join(sandbox.protections)
    for part in ("process per job", "audit hook", "per-job pid, mount, ipc and uts namespaces",
                 "private read-only /proc", "read-only runtime", "MiB noexec tmpfs",
                 "no network", "no capabilities"):  # fmt: skip
        assert part in listed, (part, sandbox.protections)
    assert ("seccomp" in listed) == bool(sandbox.features["seccomp"])
    assert ("landlock" in listed) == bool(sandbox.features["landlock"])
    from tests.offline.conftest import SOLUTION

    (result,) = pool.map([{"bundle": softmax_bundle, "code": SOLUTION}])
    assert result["protections"] == sandbox.protections, result["protections"]


@pytest.mark.parametrize("how", ["PATH", "argument"])
def test_missing_bubblewrap_is_one_line_saying_how_to_install_it(tmp_path, monkeypatch, how):
    from grader.sandbox import SandboxUnavailable, resolve

    with pytest.raises(SandboxUnavailable) as caught:
        if how == "PATH":
            monkeypatch.setenv("PATH", str(tmp_path))  # a PATH without bwrap
            resolve("bwrap")
        else:
            resolve("bwrap", bwrap=str(tmp_path / "no-such-bwrap"))
    message = str(caught.value)
    assert "\n" not in message, message
    assert "sudo apt-get install bubblewrap" in message and "make setup" in message, message
    assert "--sandbox none" in message, message


def test_bubblewrap_that_cannot_make_namespaces_is_refused_in_one_line(tmp_path):
    """As on a kernel that refuses user namespaces: bwrap starts, then fails."""
    from grader.sandbox import SandboxUnavailable, resolve

    fake = tmp_path / "bwrap"
    fake.write_text(
        "#!/bin/sh\necho 'bwrap: No permissions to creating new namespace, likely because "
        "the kernel does not allow non-privileged user namespaces.' >&2\nexit 1\n"
    )
    fake.chmod(0o755)
    with pytest.raises(SandboxUnavailable) as caught:
        resolve("bwrap", bwrap=str(fake))
    message = str(caught.value)
    assert "\n" not in message and "No permissions to creating new namespace" in message
    assert "user namespaces" in message and "--sandbox none" in message, message


def test_grade_refuses_without_bubblewrap_unless_told_sandbox_none(tmp_path):
    sub = tmp_path / "sub.py"
    sub.write_text((FIXTURES / "fx-page" / "fx_softmax" / "solution.py").read_text())
    env = {**os.environ, "PATH": str(tmp_path)}  # no bwrap on it
    cmd = [sys.executable, "-m", "grader", "grade", str(sub), "--exercise", "fx_softmax",
           "--root", str(FIXTURES), "--json"]  # fmt: skip
    refused = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2, refused
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: bubblewrap"), refused.stderr
    assert "sudo apt-get install bubblewrap" in lines[0], lines[0]
    assert refused.stdout == "", refused.stdout
    unsandboxed = subprocess.run(cmd + ["--sandbox", "none"], cwd=ROOT, env=env,
                                 capture_output=True, text=True, timeout=120)  # fmt: skip
    assert unsandboxed.returncode == 0, unsandboxed.stderr
    (record,) = [json.loads(line) for line in unsandboxed.stdout.splitlines()]
    assert record["passed"], record
    assert record["protections"] == ["process per job", "resource limits", "audit hook"]


# ------------------------------------------------------------- what a confined job gets


def test_the_job_folder_is_a_capped_tmpfs(sandbox, tmp_path):
    from grader.sandbox import SCRATCH_BYTES, SCRATCH_INODES

    (space, files) = confined(
        sandbox,
        """
        import errno
        written, chunk = 0, b"x" * 2**20
        with open("big", "wb", buffering=0) as f:
            try:
                while written < 4 * 2**30:
                    written += f.write(chunk)
            except OSError as exc:
                out["errno"] = exc.errno
        out["written"] = written
        """,
        """
        made = 0
        try:
            while made < 10**6:
                open(f"f{made}", "w").close()
                made += 1
        except OSError as exc:
            out["errno"] = exc.errno
        out["made"] = made
        """,
        tmp_path=tmp_path,
    )
    import errno

    got = job_out(space)
    assert got["errno"] == errno.ENOSPC and SCRATCH_BYTES - 2**21 <= got["written"] <= SCRATCH_BYTES
    got = job_out(files)
    assert got["errno"] == errno.ENOSPC and got["made"] < SCRATCH_INODES, got


def test_the_job_folder_is_the_only_writable_place(sandbox, tmp_path):
    import site

    targets = ["/", "/tmp", "/dev", "/dev/shm", "/proc", "/usr/lib", str(tmp_path),
               site.getsitepackages()[0], str(ROOT / "grader"), sys.base_prefix]  # fmt: skip
    (result,) = confined(
        sandbox,
        f"""
        import os
        refused = {{}}
        for d in {targets!r} + [os.path.dirname(scratch)]:
            try:
                fd = os.open(os.path.join(d, "nprl-written"), os.O_CREAT | os.O_WRONLY, 0o600)
                os.close(fd)
                refused[d] = None
            except OSError as exc:
                refused[d] = exc.errno
        open("mine.txt", "w").write("ok")
        try:
            os.rename("mine.txt", os.path.join({targets[7]!r}, "nprl-renamed.pth"))
            refused["rename"] = None
        except OSError as exc:
            refused["rename"] = exc.errno
        out["refused"], out["mine"] = refused, open("mine.txt").read()
        """,
        tmp_path=tmp_path,
    )
    got = job_out(result)
    assert got["mine"] == "ok"
    assert all(errno is not None for errno in got["refused"].values()), got["refused"]
    assert (
        not list(tmp_path.glob("**/nprl-*")) and not Path(targets[7], "nprl-renamed.pth").exists()
    )


def test_no_host_file_outside_the_runtime_is_visible(sandbox, tmp_path):
    secret_dir = tmp_path / "class"
    secret_dir.mkdir()
    (secret_dir / "alice.py").write_text("secret")
    hidden = [str(secret_dir), str(ROOT / "exercises"), str(ROOT / "tests"), str(FIXTURES),
              str(ROOT / "README.md"), "/etc/passwd", "/etc/resolv.conf", "/etc/hosts",
              os.path.expanduser("~/.bash_history"), "/var", "/opt", "/home", "/srv"]  # fmt: skip
    (result,) = confined(
        sandbox,
        f"""
        import os
        out["visible"] = [p for p in {hidden!r} if os.path.lexists(p)]
        out["repo"] = sorted(os.listdir({str(ROOT)!r}))
        home = {os.path.expanduser("~")!r}
        out["home"] = sorted(os.listdir(home)) if os.path.isdir(home) else []
        """,
        tmp_path=tmp_path,
    )
    got = job_out(result)
    assert got["visible"] == [], got["visible"]
    repo = {"grader"} | ({".venv"} if Path(sys.prefix).parent == ROOT else set())
    assert set(got["repo"]) <= repo, got["repo"]  # the grader package, not the repo around it
    prefix = Path(sys.base_prefix)
    home = Path(os.path.expanduser("~"))
    allowed = {prefix.relative_to(home).parts[0]} if home in prefix.parents else set()
    assert set(got["home"]) <= allowed, got["home"]  # $HOME: at most the interpreter's path


def test_proc_shows_the_job_alone(sandbox, tmp_path):
    (result,) = confined(
        sandbox,
        """
        import os
        out["pids"] = sorted(p for p in os.listdir("/proc") if p.isdigit())
        out["self"] = os.getpid()
        out["ppid"] = os.getppid()
        out["via_fd"] = sorted(p for p in os.listdir("/dev/fd/../..") if p.isdigit())
        out["via_self"] = sorted(p for p in os.listdir("/proc/self/..") if p.isdigit())
        environ = open("/proc/1/environ", "rb").read().split(b"\\0")
        out["environ"] = sorted(e.split(b"=")[0].decode() for e in environ if e)
        try:
            open("/proc/sys/kernel/hostname", "w").write("x")
            out["sysctl"] = "written"
        except OSError as exc:
            out["sysctl"] = exc.errno
        """,
        tmp_path=tmp_path,
    )
    got = job_out(result)
    assert got["pids"] == got["via_fd"] == got["via_self"] == ["1"], got
    assert got["self"] == 1 and got["ppid"] == 0, got
    assert set(got["environ"]) <= {"PATH", "LANG", "PWD", "NPRL_SCRATCH", "NPRL_SANDBOX"}, got[
        "environ"
    ]
    assert got["sysctl"] != "written"


def test_no_network(sandbox, tmp_path):
    (result,) = confined(
        sandbox,
        """
        import socket
        for name, family, kind in (("inet", socket.AF_INET, socket.SOCK_DGRAM),
                                   ("inet6", socket.AF_INET6, socket.SOCK_STREAM),
                                   ("unix", socket.AF_UNIX, socket.SOCK_STREAM),
                                   ("netlink", socket.AF_NETLINK, socket.SOCK_RAW)):
            try:
                socket.socket(family, kind).close()
                out[name] = "created"
            except OSError as exc:
                out[name] = exc.errno
        try:
            out["dns"] = repr(socket.getaddrinfo("example.com", 80))
        except OSError as exc:
            out["dns"] = type(exc).__name__
        """,
        tmp_path=tmp_path,
    )
    import errno

    got = job_out(result)
    for name in ("inet", "inet6", "unix", "netlink"):
        assert got[name] == errno.EPERM, got
    assert got["dns"] == "gaierror", got


def test_no_special_files_exec_or_tracing(sandbox, tmp_path):
    (result,) = confined(
        sandbox,
        """
        import ctypes, os, stat
        def errno_of(fn):
            try:
                fn()
                return None
            except OSError as exc:
                return exc.errno
        libc = ctypes.CDLL(None, use_errno=True)
        def call(name, *args):
            if getattr(libc, name)(*args) == -1:
                raise OSError(ctypes.get_errno(), name)
        out["mkfifo"] = errno_of(lambda: os.mkfifo("fifo"))
        out["mknod"] = errno_of(lambda: os.mknod("null", stat.S_IFCHR | 0o666, os.makedev(1, 3)))
        out["symlink"] = errno_of(lambda: os.symlink("/usr", "link"))
        out["exec"] = errno_of(lambda: os.execv("/usr/bin/true", ["true"]))
        out["fork"] = errno_of(os.fork)
        out["ptrace"] = errno_of(lambda: call("ptrace", 16, 1, None, None))  # ATTACH
        out["unshare"] = errno_of(lambda: call("unshare", 0x10000000))  # a user namespace
        out["mount"] = errno_of(lambda: call("mount", b"none", b"/tmp", b"tmpfs", 0, None))
        import threading
        box = []
        t = threading.Thread(target=box.append, args=("ran",))
        t.start(); t.join()
        out["thread"] = box
        """,
        tmp_path=tmp_path,
    )
    import errno

    got = job_out(result)
    for name in ("mkfifo", "mknod", "exec", "fork", "ptrace", "unshare", "mount"):
        assert got[name] == errno.EPERM, (name, got)
    assert got["symlink"] == errno.EACCES, got  # Landlock: no symlink creation
    assert got["thread"] == ["ran"], got  # threads still work


@pytest.mark.parametrize("seccomp", [True, False])
def test_exec_and_native_code_from_the_job_folder_are_refused(sandbox, tmp_path, seccomp):
    """Without seccomp, Landlock (no exec right) and the noexec tmpfs still hold."""
    import glob

    ext = sorted(glob.glob(os.path.join(sys.base_prefix, "lib", "python3*", "lib-dynload",
                                        "_json*.so")))  # fmt: skip
    if not ext:
        pytest.skip("no _json extension module to copy")
    features = {**sandbox.features, "seccomp": seccomp}
    (result,) = confined(
        sandbox,
        f"""
        import importlib.machinery, importlib.util, os, shutil
        shutil.copy({ext[0]!r}, "own.so")
        shutil.copy("/usr/bin/true", "own-true")
        os.chmod("own-true", 0o755)
        try:
            os.execv("own-true", ["own-true"])
        except OSError as exc:
            out["exec"] = exc.errno
        try:
            loader = importlib.machinery.ExtensionFileLoader("_json", os.path.abspath("own.so"))
            spec = importlib.util.spec_from_loader("_json", loader)
            loader.create_module(spec)
            out["load"] = "loaded"
        except ImportError as exc:
            out["load"] = str(exc)
        """,
        tmp_path=tmp_path,
        features=features,
    )
    got = job_out(result)
    assert got["exec"] in (1, 13), got  # EPERM (seccomp) or EACCES (Landlock, noexec)
    assert got["load"] != "loaded" and "failed to map segment" in got["load"], got


def test_consecutive_jobs_on_one_zygote_see_nothing_of_each_other(sandbox, tmp_path):
    writer, reader = confined(
        sandbox,
        """
        import ctypes, os
        libc = ctypes.CDLL(None, use_errno=True)
        open("left-by-a.txt", "w").write("a's answer")
        out["msgget"] = libc.msgget(0x4E50, 0o1666)  # IPC_CREAT: a System V queue
        out["shmget"] = libc.shmget(0x4E50, 4096, 0o1666)
        """,
        """
        import ctypes, os
        libc = ctypes.CDLL(None, use_errno=True)
        out["files"] = os.listdir(".")
        out["msgget"] = libc.msgget(0x4E50, 0)
        out["shmget"] = libc.shmget(0x4E50, 4096, 0)
        out["pids"] = sorted(p for p in os.listdir("/proc") if p.isdigit())
        """,
        tmp_path=tmp_path,
    )
    a, b = job_out(writer), job_out(reader)
    assert a["msgget"] >= 0 and a["shmget"] >= 0, a  # they existed in A's namespace
    assert b == {"files": [], "msgget": -1, "shmget": -1, "pids": ["1"]}, b
    assert writer["scratch_after"] == [] and reader["scratch_after"] == []


def test_nothing_outlives_its_job(sandbox, tmp_path):
    """With seccomp off, so the job can fork: a double-forked, setsid daemon still dies."""
    forked, after = confined(
        sandbox,
        """
        import os, time
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                while True:
                    time.sleep(0.01)
            os._exit(0)
        os.wait()
        time.sleep(0.2)
        out["pids"] = sorted(int(p) for p in os.listdir("/proc") if p.isdigit())
        """,
        "out['pids'] = sorted(int(p) for p in __import__('os').listdir('/proc') if p.isdigit())",
        tmp_path=tmp_path,
        features={**sandbox.features, "seccomp": False},
    )
    assert len(job_out(forked)["pids"]) == 2, forked  # the job and its daemon
    # The zygote's namespace after each job: bwrap's init and the zygote, nothing else.
    assert forked["pids_after"] == after["pids_after"] == [1, 2], (forked, after)
    assert job_out(after)["pids"] == [1]


def test_signals_reach_nothing_outside_the_job(sandbox, tmp_path):
    """kill(-1) from the job, and every pid it could name: the zygote runs on."""
    (result,) = confined(
        sandbox,
        """
        import os, signal
        if os.getpid() != 1:  # (outside its own pid namespace this would kill everything)
            raise SystemExit("not confined: kill(-1) not tried")
        try:
            os.kill(-1, signal.SIGKILL)  # every process this job may signal
            out["kill_all"] = "sent"
        except OSError as exc:
            out["kill_all"] = exc.errno
        reached = []
        for pid in range(2, 5000):
            try:
                os.kill(pid, 0)
                reached.append(pid)
            except OSError:
                pass
        out["reached"] = reached
        """,
        tmp_path=tmp_path,
    )
    got = job_out(result)
    assert got["reached"] == [] and got["kill_all"] == 3, got  # ESRCH: nobody to signal
    assert result["pids_after"] == [1, 2]  # bwrap's init and the zygote survived


def test_a_job_that_is_not_alone_in_its_pid_namespace_never_runs(sandbox, tmp_path):
    from grader.sandbox import SANDBOX_FAILED

    (result,) = confined(sandbox, "out['ran'] = True", tmp_path=tmp_path, nested=True)
    assert result["out"] is None, result  # the nested job exited before any code ran
    assert os.WIFEXITED(result["status"]), result
    assert os.WEXITSTATUS(result["status"]) == SANDBOX_FAILED, result


def test_the_audit_hook_is_inert_until_the_child_arms_it():
    from grader.child import _ARM_EVENT, _make_child_hook

    hook = _make_child_hook((), "/nonexistent-scratch", (None, None))
    hook("os.fork", ())  # the zygote (and the child's own setup) is not refused
    hook("ctypes.call_function", (0, ()))
    hook(_ARM_EVENT, ())
    with pytest.raises(PermissionError, match="starting processes"):
        hook("os.fork", ())
    hook(_ARM_EVENT, ())  # arming twice changes nothing: there is no way back
    with pytest.raises(PermissionError, match="ctypes"):
        hook("ctypes.call_function", (0, ()))
