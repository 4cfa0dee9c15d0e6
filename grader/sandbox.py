"""The OS sandbox around offline grading: bubblewrap per zygote, fresh namespaces per job.

    parent   `resolve("bwrap")` probes bubblewrap once; `Sandbox.wrap` -> the zygote's
             bwrap command line; `Sandbox.protections` -> what every result records
    zygote   inside bwrap: its own user, pid, network, ipc, uts and mount namespaces; sees
             only the Python runtime, the venv's site-packages and the grader package, all
             read-only, and an empty tmpfs of job folders; holds CAP_SYS_ADMIN inside its
             own user namespace only, to build each job's namespaces; runs no student code
    job      `os.fork()` of the zygote straight into a fresh pid namespace (an at-fork hook
             unshares it; the job is its pid 1, so the kernel kills every process it
             started when it ends), then `enter_job`: fresh mount, ipc and uts
             namespaces, a private read-only /proc, a size-capped tmpfs (noexec) as its
             folder, every other mount read-only, Landlock, no capability, seccomp

Namespaces a job does not get of its own, and why that loses nothing: a user namespace
(the job holds no capability in any namespace, and a nested one would lock the mounts it
needs to replace /proc) and a network namespace (the zygote's has only a loopback; a job
can create no socket, and every process of a job is dead before the next job starts, so
no socket or port survives it). Linux only; standard library only (ctypes, bound in the
zygote; the audit hook is armed after the job's sandbox is built).
"""

from __future__ import annotations

import json
import os
import sys

MODES = ("bwrap", "none")
SCRATCH_BYTES = 64 * 1024**2  # the job's tmpfs: its only writable place
SCRATCH_INODES = 4096
INSTALL = "install it with `sudo apt-get install bubblewrap` (or `make setup`)"
SANDBOX_FAILED = 75  # a job's exit status when its sandbox could not be built (never graded)
_BASE = ["process per job", "resource limits", "audit hook"]


class SandboxUnavailable(RuntimeError):
    """The requested sandbox cannot run here (the message says how to fix that)."""


class Sandbox:
    """How zygotes are started: `wrap(argv, env)` and the protections a result records."""

    def __init__(self, mode: str, *, bwrap: str | None = None, features: dict | None = None):
        self.mode, self.bwrap, self.features = mode, bwrap, features or {}
        self.protections = list(_BASE)
        if mode == "bwrap":
            self.protections += [
                "bubblewrap zygote: own user, pid, network, ipc, uts and mount namespaces",
                "per-job pid, mount, ipc and uts namespaces (the job's tree killed at its end)",
                "private read-only /proc",
                "read-only runtime (interpreter, site-packages, grader package only)",
                f"per-job {SCRATCH_BYTES // 1024**2} MiB noexec tmpfs: the only writable place",
                "no network (an empty network namespace; no sockets)",
                "no capabilities",
            ]
            abi = self.features.get("landlock", 0)
            if abi:
                self.protections.append(
                    f"landlock (ABI {abi}): writes only in the job's folder, no exec, no special "
                    "files"
                    + (", no TCP" if abi >= 4 else "")
                    + (", no signal or abstract socket out of the job" if abi >= 6 else "")
                )
            if self.features.get("seccomp"):
                self.protections.append("seccomp: no sockets, new processes, exec, device or "
                                        "FIFO nodes, ptrace, mounts or namespaces")  # fmt: skip

    def wrap(self, argv: list[str], env: dict) -> tuple[list[str], dict]:
        """The zygote's command line and environment (unchanged without a sandbox)."""
        if self.mode == "none":
            return argv, env
        env = {**env, "NPRL_SANDBOX": json.dumps(self.features, sort_keys=True)}
        return [self.bwrap, *_bwrap_args(env["NPRL_SCRATCH"]), "--", *argv], env


def resolve(mode: str = "bwrap", *, bwrap: str | None = None) -> Sandbox:
    """The sandbox for `mode`; SandboxUnavailable (one line) if bubblewrap cannot run here.

    `bwrap` names the executable (default: `bwrap` on PATH). Probed once per executable:
    a real zygote and job are started, so the protections listed are the ones that work.
    """
    if mode not in MODES:
        raise SandboxUnavailable(f"unknown sandbox {mode!r}: expected one of {', '.join(MODES)}")
    if mode == "none":
        return Sandbox("none")
    import shutil

    if not sys.platform.startswith("linux"):
        raise SandboxUnavailable("the bwrap sandbox needs Linux: grade with --sandbox none")
    path = shutil.which(bwrap or "bwrap")
    if path is None:
        raise SandboxUnavailable(
            "bubblewrap (bwrap) is not installed, so submissions cannot be sandboxed: "
            f"{INSTALL}, or grade with --sandbox none"
        )
    if path not in _PROBED:
        _PROBED[path] = _probe(path)
    features = _PROBED[path]
    if type(features) is str:
        raise SandboxUnavailable(features)
    return Sandbox("bwrap", bwrap=path, features=features)


_PROBED: dict = {}


def _probe(bwrap: str):
    """The features a real sandboxed job got here (dict), or why there is none (str)."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory(prefix="nprl-probe-") as scratch:
        sandbox = Sandbox("bwrap", bwrap=bwrap, features={})
        env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "NPRL_SCRATCH": scratch,
               "PYTHONDONTWRITEBYTECODE": "1"}  # fmt: skip
        boot = f"import sys; sys.path.insert(0, {_package_parent()!r}); "
        boot += "from grader.sandbox import _probe_main; _probe_main()"
        argv, env = sandbox.wrap([sys.executable, "-c", boot], env)
        try:
            proc = subprocess.run(argv, env=env, cwd=scratch, capture_output=True, timeout=60,
                                  stdin=subprocess.DEVNULL)  # fmt: skip
        except (OSError, subprocess.TimeoutExpired) as exc:
            return (
                f"bubblewrap ({bwrap}) could not start a sandbox ({exc}): grade with --sandbox none"
            )
    lines = proc.stdout.decode("utf-8", "replace").splitlines()
    try:
        report = json.loads(lines[-1])
    except (IndexError, ValueError):
        why = (proc.stderr.decode("utf-8", "replace").strip().splitlines() or ["no output"])[-1]
        return (f"bubblewrap ({bwrap}) cannot create a sandbox here ({why}): allow unprivileged "
                "user namespaces (e.g. sysctl kernel.unprivileged_userns_clone=1), "
                "or grade with --sandbox none")  # fmt: skip
    if not report.get("ok"):
        return (f"bubblewrap runs, but a job's sandbox could not be built "
                f"({report.get('why')}): grade with --sandbox none")  # fmt: skip
    return {"landlock": report["landlock"], "seccomp": report["seccomp"]}


# ------------------------------------------------------------------ the bwrap command


def _package_parent() -> str:
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _runtime_paths() -> list[str]:
    """What a zygote must see: the interpreter, its libraries, site-packages, grader."""
    import site
    import sysconfig

    paths = ["/usr", os.path.realpath(sys.base_prefix)]
    for key in ("purelib", "platlib"):
        paths.append(sysconfig.get_paths()[key])
    paths += site.getsitepackages() if hasattr(site, "getsitepackages") else []
    paths.append(os.path.dirname(os.path.abspath(__file__)))  # the grader package, not the repo
    out: list[str] = []
    for p in sorted({os.path.abspath(p) for p in paths if os.path.isdir(p)}, key=len):
        if not any(p == q or p.startswith(q.rstrip("/") + "/") for q in out):
            out.append(p)
    return out


def _bwrap_args(scratch_root: str) -> list[str]:
    args = [
        "--unshare-all", "--die-with-parent", "--new-session", "--hostname", "grader",
        "--cap-drop", "ALL", "--cap-add", "CAP_SYS_ADMIN", "--cap-add", "CAP_SETPCAP",
    ]  # fmt: skip
    for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(top):
            args += ["--symlink", os.readlink(top), top]
    args += ["--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache"]
    for path in _runtime_paths():
        args += ["--ro-bind", path, path]
    if sys.prefix != sys.base_prefix:  # a venv: its pyvenv.cfg and its python, nothing else
        cfg = os.path.join(sys.prefix, "pyvenv.cfg")
        if os.path.isfile(cfg):
            args += ["--ro-bind", cfg, cfg]
        exe = os.path.abspath(sys.executable)
        if os.path.realpath(exe) != exe:
            args += ["--symlink", os.path.realpath(exe), exe]
    args += ["--dev", "/dev", "--proc", "/proc", "--size", str(1024**2), "--tmpfs", scratch_root,
             "--remount-ro", "/", "--remount-ro", "/dev", "--chdir", scratch_root]  # fmt: skip
    return args


# ------------------------------------------------------------- inside the zygote (Linux)

_CLONE_NEWNS, _CLONE_NEWUTS, _CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
_CLONE_NEWUSER, _CLONE_NEWPID, _CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
_CLONE_NEWCGROUP, _CLONE_THREAD = 0x02000000, 0x00010000
_MS_RDONLY, _MS_NOSUID, _MS_NODEV, _MS_NOEXEC = 1, 2, 4, 8
_MS_REMOUNT, _MS_BIND, _MS_REC, _MS_PRIVATE = 32, 4096, 16384, 1 << 18
_MOUNT_OPTIONS = {"ro": _MS_RDONLY, "nosuid": _MS_NOSUID, "nodev": _MS_NODEV,
                  "noexec": _MS_NOEXEC, "noatime": 1024, "nodiratime": 2048,
                  "relatime": 1 << 21, "strictatime": 1 << 24}  # fmt: skip
_PR_SET_PDEATHSIG, _PR_SET_NO_NEW_PRIVS, _PR_SET_SECCOMP, _PR_CAP_AMBIENT = 1, 38, 22, 47
_PR_CAPBSET_DROP, _PR_SET_SECUREBITS = 24, 28
_CAP_SETPCAP, _CAP_SYS_ADMIN = 8, 21  # the zygote's only capabilities (bwrap --cap-add)
# NOROOT, NO_SETUID_FIXUP, KEEP_CAPS, NO_CAP_AMBIENT_RAISE, each with its lock
_SECUREBITS = 0b11111111

_JOB = None  # the zygote's _Confiner (None: no sandbox, or not a zygote)


def prepare_zygote() -> None:
    """In a zygote started by `Sandbox.wrap`: get ready to confine every forked job.

    No-op without a sandbox. Registers the at-fork hooks that put each fork into a fresh
    pid namespace; `enter_job` (called by the child) does the rest.
    """
    global _JOB
    config = os.environ.pop("NPRL_SANDBOX", None)
    if config is None:
        return
    _JOB = _Confiner(json.loads(config))
    os.register_at_fork(before=_JOB.before_fork, after_in_parent=_JOB.after_fork)


def enter_job(scratch: str) -> None:
    """In a freshly forked job: confine it (no-op without a sandbox); exits if that fails.

    Fails closed: a job whose sandbox is incomplete exits with status SANDBOX_FAILED
    before any student code runs.
    """
    if _JOB is None:
        if "NPRL_SANDBOX" in os.environ:  # started sandboxed, but never prepared
            os._exit(SANDBOX_FAILED)
        return
    try:
        _JOB.enter(scratch)
    except BaseException:  # noqa: BLE001 - never run student code half-confined
        os._exit(SANDBOX_FAILED)


class _Confiner:
    """The system calls behind one zygote's jobs, bound once (ctypes) before any fork."""

    def __init__(self, features: dict):
        import ctypes

        self.ctypes = ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        c_int, c_ulong, c_char_p, c_void_p = (ctypes.c_int, ctypes.c_ulong, ctypes.c_char_p,
                                              ctypes.c_void_p)  # fmt: skip
        sigs = {"unshare": [c_int], "setns": [c_int, c_int],
                "mount": [c_char_p, c_char_p, c_char_p, c_ulong, c_void_p],
                "prctl": [c_int, c_ulong, c_ulong, c_ulong, c_ulong],
                "capset": [c_void_p, c_void_p]}  # fmt: skip
        for name, argtypes in sigs.items():
            fn = getattr(libc, name)
            fn.argtypes, fn.restype = argtypes, c_int
            setattr(self, "_" + name, fn)
        self._syscall = libc.syscall
        self._syscall.restype = ctypes.c_long
        self.pidns = os.open("/proc/self/ns/pid", os.O_RDONLY | os.O_CLOEXEC)
        self.landlock = features.get("landlock") if "landlock" in features else _landlock_abi(self)
        self.landlock = int(self.landlock or 0)
        self.ruleset = _landlock_ruleset(ctypes, min(self.landlock, 6)) if self.landlock else None
        self.filter = _seccomp_filter(ctypes) if features.get("seccomp", True) else None
        self.writable = _writable_mounts()  # the same for every job: read once, here
        self.unshared = False

    def check(self, result: int, what: str) -> None:
        if result != 0:
            errno = self.ctypes.get_errno()
            raise OSError(errno, f"{what}: {os.strerror(errno)}")

    # ---- in the zygote, around run_job's os.fork()
    def before_fork(self) -> None:
        self.unshared = self._unshare(_CLONE_NEWPID) == 0  # the next fork is its pid 1

    def after_fork(self) -> None:
        if self.unshared:  # back to our own pid namespace for the next job
            self.check(self._setns(self.pidns, _CLONE_NEWPID), "setns(pid)")
            self.unshared = False

    # ---- in the forked job
    def enter(self, scratch: str) -> None:
        import signal

        c = self.check
        c(self._prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "prctl(PDEATHSIG)")
        if os.getpid() != 1:
            raise OSError("the job is not alone in a fresh pid namespace")
        c(self._unshare(_CLONE_NEWNS | _CLONE_NEWIPC | _CLONE_NEWUTS), "unshare")
        c(self._mount(None, b"/", None, _MS_REC | _MS_PRIVATE, None), "mount(private)")
        flags = _MS_NOSUID | _MS_NODEV | _MS_NOEXEC
        c(self._mount(b"proc", b"/proc", b"proc", flags | _MS_RDONLY, None), "mount(/proc)")
        data = f"size={SCRATCH_BYTES},nr_inodes={SCRATCH_INODES},mode=0700".encode()
        c(self._mount(b"tmpfs", scratch.encode(), b"tmpfs", flags, data), "mount(tmpfs)")
        for point, remount in self.writable:  # every other mount becomes read-only
            c(self._mount(None, point, None, remount, None), f"remount {point!r} read-only")
        c(self._prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl(NO_NEW_PRIVS)")
        if self.landlock:
            _landlock_restrict(self, scratch)
        self.drop_capabilities()
        if self.filter is not None:
            prog = self.filter
            c(self._prctl(_PR_SET_SECCOMP, 2, self.ctypes.addressof(prog), 0, 0), "seccomp")

    def drop_capabilities(self) -> None:
        """No capability now, none to regain: empty sets, empty bounding set, and
        securebits that stop uid 0 (the job's uid in the zygote's namespace) from
        getting any back."""
        ctypes, c = self.ctypes, self.check
        for cap in (_CAP_SYS_ADMIN, _CAP_SETPCAP):
            c(self._prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0), f"prctl(CAPBSET_DROP, {cap})")
        c(self._prctl(_PR_SET_SECUREBITS, _SECUREBITS, 0, 0, 0), "prctl(SET_SECUREBITS)")
        c(self._prctl(_PR_CAP_AMBIENT, 4, 0, 0, 0), "prctl(CAP_AMBIENT_CLEAR_ALL)")
        header = (ctypes.c_uint32 * 2)(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, self
        data = (ctypes.c_uint32 * 6)()  # effective, permitted, inheritable (x2): all empty
        c(self._capset(ctypes.addressof(header), ctypes.addressof(data)), "capset")


def _writable_mounts() -> list[tuple[bytes, int]]:
    """(mount point, read-only remount flags) of each writable mount but /proc's.

    /proc is left out: each job mounts its own, read-only, over the zygote's.
    """
    with open("/proc/self/mountinfo", "rb") as f:
        table = f.read().decode("utf-8", "surrogateescape").splitlines()
    out = []
    for line in table:
        fields = line.split(" ")
        point, options = _unescape(fields[4]), fields[5].split(",")
        if "ro" in options or point == "/proc" or point.startswith("/proc/"):
            continue
        flags = _MS_REMOUNT | _MS_BIND | _MS_RDONLY | _MS_NOSUID
        for opt in options:
            flags |= _MOUNT_OPTIONS.get(opt, 0)
        out.append((point.encode("utf-8", "surrogateescape"), flags))
    return out


def _unescape(field: str) -> str:
    """A mountinfo path: octal escapes (\\040 for a space) decoded."""
    import re

    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


# ------------------------------------------------------------------------- Landlock

_LL_CREATE, _LL_ADD_RULE, _LL_RESTRICT = 444, 445, 446  # the same number on every arch
_LL_READ = (1 << 2) | (1 << 3)  # READ_FILE, READ_DIR
_LL_WRITE_FILE, _LL_TRUNCATE, _LL_REFER = 1 << 1, 1 << 14, 1 << 13
# remove dir/file, make dir/reg: what a job may do in its own folder
_LL_SCRATCH = _LL_READ | _LL_WRITE_FILE | (1 << 4) | (1 << 5) | (1 << 7) | (1 << 8)


def _landlock_abi(confiner) -> int:
    abi = confiner._syscall(_LL_CREATE, None, 0, 1)  # LANDLOCK_CREATE_RULESET_VERSION
    return max(int(abi), 0)


def _landlock_ruleset(ctypes, abi: int) -> tuple:
    """(ruleset attr, [(path or None for the scratch, rights)]) for a job, built once.

    Reads anywhere visible; writes only in the scratch tmpfs and to /dev/null; no exec, no
    device, FIFO, socket or symlink creation; no TCP; no signal or abstract socket out.
    """
    import struct

    fs = (1 << 13) - 1  # every right of ABI 1
    scratch, null = _LL_SCRATCH, _LL_READ & ~(1 << 3) | _LL_WRITE_FILE
    if abi >= 2:
        fs, scratch = fs | _LL_REFER, scratch | _LL_REFER
    if abi >= 3:
        fs, scratch, null = fs | _LL_TRUNCATE, scratch | _LL_TRUNCATE, null | _LL_TRUNCATE
    fields = [fs] + ([3] if abi >= 4 else []) + ([3] if abi >= 6 else [])  # tcp; scopes
    attr = ctypes.create_string_buffer(struct.pack(f"={len(fields)}Q", *fields), 8 * len(fields))
    return attr, [("/", _LL_READ), (None, scratch), ("/dev/null", null)]


def _landlock_restrict(confiner, scratch: str) -> None:
    import struct

    ctypes, (attr, rules) = confiner.ctypes, confiner.ruleset
    ruleset = int(confiner._syscall(_LL_CREATE, attr, len(attr), 0))
    confiner.check(0 if ruleset >= 0 else -1, "landlock_create_ruleset")
    try:
        for path, rights in rules:
            fd = os.open(path or scratch, os.O_PATH | os.O_CLOEXEC)
            try:
                rule = ctypes.create_string_buffer(struct.pack("=Qi", rights, fd), 12)
                result = confiner._syscall(_LL_ADD_RULE, ruleset, 1, rule, 0)
                confiner.check(0 if result == 0 else -1, f"landlock_add_rule({path or scratch})")
            finally:
                os.close(fd)
        result = confiner._syscall(_LL_RESTRICT, ruleset, 0)
        confiner.check(0 if result == 0 else -1, "landlock_restrict_self")
    finally:
        os.close(ruleset)


# -------------------------------------------------------------------------- seccomp

# Denied with EPERM: sockets, device and FIFO nodes, tracing and reading other processes,
# new namespaces and mounts, program execution, kernel keyrings, BPF, io_uring (which
# would bypass this filter), modules and the like. (x86_64, aarch64 numbers.)
_DENIED = {
    "socket": (41, 198), "socketpair": (53, 199), "mknod": (133, None), "mknodat": (259, 33),
    "ptrace": (101, 117), "process_vm_readv": (310, 270), "process_vm_writev": (311, 271),
    "kcmp": (312, 272), "process_madvise": (440, 440), "pidfd_getfd": (438, 438),
    "unshare": (272, 97), "setns": (308, 268), "mount": (165, 40), "umount2": (166, 39),
    "pivot_root": (155, 41), "chroot": (161, 51), "open_tree": (428, 428),
    "move_mount": (429, 429), "fsopen": (430, 430), "fsconfig": (431, 431),
    "fsmount": (432, 432), "fspick": (433, 433), "mount_setattr": (442, 442),
    "open_tree_attr": (467, 467), "fork": (57, None), "vfork": (58, None),
    "execve": (59, 221), "execveat": (322, 281), "keyctl": (250, 219), "add_key": (248, 217),
    "request_key": (249, 218), "bpf": (321, 280), "perf_event_open": (298, 241),
    "userfaultfd": (323, 282), "io_uring_setup": (425, 425), "io_uring_enter": (426, 426),
    "io_uring_register": (427, 427), "kexec_load": (246, 104), "kexec_file_load": (320, 294),
    "init_module": (175, 105), "finit_module": (313, 273), "delete_module": (176, 106),
    "reboot": (169, 142), "swapon": (167, 224), "swapoff": (168, 225), "acct": (163, 89),
    "quotactl": (179, 60), "quotactl_fd": (443, 443), "name_to_handle_at": (303, 264),
    "open_by_handle_at": (304, 265), "personality": (135, 92),
}  # fmt: skip
# machine: (AUDIT_ARCH_*, column in _DENIED, clone's number)
_ARCHES = {"x86_64": (0xC000003E, 0, 56), "aarch64": (0xC00000B7, 1, 220)}
_NS_FLAGS = (_CLONE_NEWNS | _CLONE_NEWUTS | _CLONE_NEWIPC | _CLONE_NEWUSER | _CLONE_NEWPID
             | _CLONE_NEWNET | _CLONE_NEWCGROUP)  # fmt: skip


def _seccomp_filter(ctypes):
    """The job's seccomp program (a sock_fprog), or None on an architecture not listed."""
    import platform
    import struct

    arch = _ARCHES.get(platform.machine())
    if arch is None:
        return None
    audit_arch, column, clone = arch
    ld, jeq, jge, jset, ret = 0x20, 0x15, 0x35, 0x45, 0x06
    allow, kill, eperm, enosys = 0x7FFF0000, 0x80000000, 0x00050000 | 1, 0x00050000 | 38
    prog = [(ld, 0, 0, 4), (jeq, 1, 0, audit_arch), (ret, 0, 0, kill), (ld, 0, 0, 0)]
    if column == 0:  # x32 system calls on x86_64
        prog += [(jge, 0, 1, 0x40000000), (ret, 0, 0, eperm)]
    # clone: threads only (CLONE_THREAD, no new namespace); clone3: ENOSYS (libc falls back)
    prog += [(jeq, 0, 5, clone), (ld, 0, 0, 16), (jset, 2, 0, _NS_FLAGS),
             (jset, 0, 1, _CLONE_THREAD), (ret, 0, 0, allow), (ret, 0, 0, eperm),
             (ld, 0, 0, 0), (jeq, 0, 1, 435), (ret, 0, 0, enosys)]  # fmt: skip
    for numbers in _DENIED.values():
        if numbers[column] is not None:
            prog += [(jeq, 0, 1, numbers[column]), (ret, 0, 0, eperm)]
    prog.append((ret, 0, 0, allow))
    code = b"".join(struct.pack("=HBBI", *insn) for insn in prog)
    buf = ctypes.create_string_buffer(code, len(code))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = SockFprog(len(prog), ctypes.addressof(buf))
    fprog._keep = buf  # the program must outlive the struct
    return fprog


# ----------------------------------------------------------------------------- probe


def _probe_main() -> None:
    """Run by `resolve` inside a fresh bwrap: confine one job and report what worked."""
    prepare_zygote()
    out = {"ok": False, "landlock": _JOB.landlock, "seccomp": _JOB.filter is not None}
    scratch = os.path.join(os.environ["NPRL_SCRATCH"], "probe")
    os.mkdir(scratch)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        try:
            _JOB.enter(scratch)
            why = _self_test(scratch)
        except BaseException as exc:  # noqa: BLE001
            why = f"{type(exc).__name__}: {exc}"
        os.write(write_fd, (why or "").encode("utf-8", "replace")[:500])
        os._exit(0)
    os.close(write_fd)
    why = b"".join(iter(lambda: os.read(read_fd, 4096), b"")).decode("utf-8", "replace")
    os.waitpid(pid, 0)
    out["ok"], out["why"] = not why, why
    print(json.dumps(out), flush=True)


def _self_test(scratch: str) -> str:
    """'' if the confined job behaves as promised, else what did not hold."""
    with open(os.path.join(scratch, "x"), "w") as f:
        f.write("ok")
    for path in ("/x", "/proc/x", os.path.dirname(scratch) + "/x", "/dev/shm/x"):
        try:
            open(path, "w").close()
            return f"{path} is writable"
        except OSError:
            pass
    if any(p.isdigit() and p != "1" for p in os.listdir("/proc")):
        return "/proc shows other processes"
    with open("/proc/self/status") as f:
        status = dict(line.split(":", 1) for line in f.read().splitlines() if ":" in line)
    for key, want in (("CapEff", 0), ("CapPrm", 0), ("CapBnd", 0), ("NoNewPrivs", 1)):
        if int(status.get(key, "-1").strip(), 16 if key.startswith("Cap") else 10) != want:
            return f"{key} is {status.get(key, '?').strip()}"
    try:
        if os.fork() == 0:
            os._exit(0)
        return "the job can start processes"
    except OSError:
        pass
    import socket

    try:
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM).close()
        return "sockets can be created"
    except OSError:
        pass
    return ""
