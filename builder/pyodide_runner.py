"""Grade inside real Pyodide (under Node.js), from the same dist folder the site serves.

``PyodideRunner`` starts ``node builder/pyodide_runner.mjs DIST`` once and talks JSON lines
over stdin/stdout. The JS side loads Pyodide exactly as ``site/src/worker.js`` does:
``loadPyodide({indexURL})``, ``loadPackage(["numpy", "nprl-grader"])``, ``MPLBACKEND=Agg``,
``pyimport("grader").entry``; before each request ``loadPackagesFromImports`` of the code
and the hidden tests; then a synchronous call of ``grader.entry(request_json)``.

    with PyodideRunner() as rt:
        result = rt.check({"action": "check", "exercise": bundle, "code": source})

A request that takes longer than ``timeout`` seconds kills node, starts a fresh one, and
returns an error result (title "Time limit exceeded"), like the browser's Stop without
cross-origin isolation. ``compare_in_pyodide(bundles)`` grades each bundle's solution,
starter and bugs in CPython and in Pyodide and lists every difference;
``python -m builder.pyodide_runner validate [PATH]`` runs ``python -m grader validate`` and
then that comparison (the grader itself never imports the builder).
"""

from __future__ import annotations

import collections
import json
import math
import os
import queue
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RUNNER_JS = Path(__file__).resolve().parent / "pyodide_runner.mjs"
MARK = "@@nprl@@ "
_EOF = object()


class PyodideRunnerError(Exception):
    """Node or Pyodide could not be started, or died in a way a request cannot report."""


class PyodideTimeout(PyodideRunnerError):
    """A request ran past its time limit (node was killed and restarted)."""


def node_executable() -> str:
    node = os.environ.get("NPRL_NODE") or shutil.which("node") or "/usr/bin/node"
    if not Path(node).exists() and not shutil.which(node):
        raise PyodideRunnerError("node (Node.js >= 18) not found: install nodejs or set NPRL_NODE")
    return node


def prepare_dist(work_dir=None) -> Path:
    """A private copy of the verified dist with the current grader wheel in its lock.

    Files are hard-linked from the cache when possible (the lock is always a real copy,
    since add_wheels_to_lock rewrites it). The caller removes the folder when done.
    """
    from builder.grader_wheel import build_grader_wheel
    from builder.pyodide_dist import add_wheels_to_lock, ensure_dist, link_dist

    base = ensure_dist()
    parent = Path(work_dir) if work_dir else base.parent / "runner"
    parent.mkdir(parents=True, exist_ok=True)
    for stale in parent.glob("dist-*"):  # left behind by killed runs
        if time.time() - stale.stat().st_mtime > 86400:
            shutil.rmtree(stale, ignore_errors=True)
    dest = Path(tempfile.mkdtemp(prefix="dist-", dir=parent))
    link_dist(base, dest)
    wheel = build_grader_wheel(dest)
    add_wheels_to_lock(dest, [wheel])
    return dest


class PyodideRunner:
    """One Node.js process running Pyodide with NumPy and the grader; a context manager."""

    def __init__(self, dist_dir=None, *, timeout: float = 60.0, startup_timeout: float = 180.0):
        self.timeout = timeout
        self.startup_timeout = startup_timeout
        self._own_dist = dist_dir is None
        self.dist_dir = Path(dist_dir) if dist_dir is not None else None
        self._proc: subprocess.Popen | None = None
        self._replies: queue.Queue = queue.Queue()
        self._stderr: collections.deque = collections.deque(maxlen=200)
        self._next_id = 0
        self.restarts = 0
        self.ready_ms: float | None = None  # JS-side time to a ready Pyodide
        self.ready_seconds: float | None = None  # wall time from spawning node to ready

    # ------------------------------------------------------------------ lifecycle

    def __enter__(self) -> PyodideRunner:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> None:
        if self.dist_dir is None:
            self.dist_dir = prepare_dist()
        if self._proc is not None:
            return
        t0 = time.perf_counter()
        self._replies = queue.Queue()
        self._proc = subprocess.Popen(
            [node_executable(), str(RUNNER_JS), str(self.dist_dir)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            bufsize=1,
            start_new_session=True,
        )
        proc, replies = self._proc, self._replies
        threading.Thread(target=self._read_stdout, args=(proc, replies), daemon=True).start()
        threading.Thread(target=self._read_stderr, args=(proc,), daemon=True).start()
        reply = self._wait(None, self.startup_timeout, what="start-up")
        if not reply.get("ready"):
            self._kill()
            raise PyodideRunnerError(f"Pyodide failed to start: {reply.get('error')}")
        self.ready_ms = reply.get("ms")
        self.ready_seconds = time.perf_counter() - t0

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            try:
                proc.stdin.close()
                proc.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self._kill(proc)
        if self._own_dist and self.dist_dir is not None:
            shutil.rmtree(self.dist_dir, ignore_errors=True)
            self.dist_dir = None

    def restart(self) -> None:
        self._kill()
        self.restarts += 1
        self.start()

    def _kill(self, proc=None) -> None:
        proc = proc or self._proc
        if proc is self._proc:
            self._proc = None
        if proc is None:
            return
        try:
            os.killpg(proc.pid, 9)
        except (ProcessLookupError, PermissionError):
            proc.kill()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass

    # ------------------------------------------------------------------ I/O threads

    @staticmethod
    def _read_stdout(proc, replies: queue.Queue) -> None:
        for line in proc.stdout:
            if line.startswith(MARK):
                try:
                    replies.put(json.loads(line[len(MARK) :]))
                except ValueError:
                    replies.put({"id": None, "ok": False, "error": f"bad reply: {line!r}"})
        replies.put(_EOF)

    def _read_stderr(self, proc) -> None:
        for line in proc.stderr:
            self._stderr.append(line.rstrip("\n"))

    def stderr_tail(self, n: int = 20) -> str:
        return "\n".join(list(self._stderr)[-n:])

    def _wait(self, msg_id, timeout: float, *, what: str) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self._kill()
                raise PyodideTimeout(f"Pyodide {what} took longer than {timeout:g} s")
            try:
                reply = self._replies.get(timeout=remaining)
            except queue.Empty:
                continue
            if reply is _EOF:
                code = self._proc.wait(timeout=10) if self._proc else None
                self._proc = None
                raise PyodideRunnerError(
                    f"node exited (code {code}) during {what}:\n{self.stderr_tail()}"
                )
            if reply.get("id") == msg_id:
                return reply

    # ------------------------------------------------------------------ requests

    def _call(self, payload: dict, timeout: float | None) -> dict:
        """Send one request; on time-out or death of node, restart it and re-raise."""
        if self._proc is None:
            self.start()
        self._next_id += 1
        payload = {**payload, "id": self._next_id}
        try:
            self._proc.stdin.write(json.dumps(payload) + "\n")
            self._proc.stdin.flush()
            return self._wait(self._next_id, timeout or self.timeout, what=payload["op"])
        except (PyodideRunnerError, OSError) as exc:
            self._kill()
            self.restarts += 1
            self.start()
            if isinstance(exc, PyodideRunnerError):
                raise
            raise PyodideRunnerError(f"lost contact with node: {exc}") from exc

    def eval(self, code: str, *, timeout: float | None = None) -> str:
        """Run Python source with sync runPython; return str() of its last expression."""
        reply = self._call({"op": "eval", "code": code}, timeout)
        if not reply.get("ok"):
            raise PyodideRunnerError(reply.get("error", "unknown error"))
        return reply["result"]

    def load_packages(self, names: list[str], *, timeout: float | None = None) -> list[str]:
        """``pyodide.loadPackage(names)`` from the dist's lock; all loaded package names."""
        reply = self._call({"op": "load", "packages": list(names)}, timeout)
        if not reply.get("ok"):
            raise PyodideRunnerError(reply.get("error", "unknown error"))
        return json.loads(reply["result"])

    def entry(self, request_json: str, *, timeout: float | None = None) -> str:
        """``grader.entry(request_json)`` inside Pyodide; its string result.

        A time-out (node killed and restarted) or a failure outside the grader comes back
        as a check result whose ``error`` explains it, never as a hang.
        """
        try:
            reply = self._call({"op": "entry", "request": request_json}, timeout)
        except PyodideTimeout as exc:
            return json.dumps(_error_result(request_json, "Time limit exceeded", str(exc)))
        except PyodideRunnerError as exc:
            return json.dumps(_error_result(request_json, "Pyodide failure", str(exc)))
        if not reply.get("ok"):
            return json.dumps(_error_result(request_json, "Pyodide failure", reply.get("error")))
        return reply["result"]

    def check(self, request: dict, *, timeout: float | None = None) -> dict:
        return json.loads(self.entry(json.dumps(request), timeout=timeout))


def _error_result(request_json: str, title: str, message) -> dict:
    try:
        request = json.loads(request_json)
        bundle = request.get("exercise") or {}
        action = request.get("action", "check")
    except (ValueError, AttributeError):
        bundle, action = {}, "check"
    return {
        "exercise": bundle.get("id") if isinstance(bundle, dict) else None,
        "action": action,
        "score": 0,
        "max_score": bundle.get("points", 0) if isinstance(bundle, dict) else 0,
        "passed": False,
        "tests": [],
        "error": {
            "title": title,
            "message": str(message),
            "hint": "",
            "line": None,
            "traceback": "",
        },
        "stdout": "",
    }


# ---------------------------------------------------------------------- parity


_NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|[-+]?(?:inf|nan)\b")


def _split_numbers(text: str) -> tuple[str, list[float]]:
    numbers = [float(m) for m in _NUMBER.findall(text)]
    return _NUMBER.sub("<n>", text), numbers


def messages_match(a, b, *, rtol: float = 1e-6, atol: float = 1e-9) -> bool:
    """Equal texts, except that numbers inside them may differ within a tolerance.

    The tolerance covers last-digit differences between the platforms' float results
    (x86-64 vs wasm32) and the 6 significant digits NumPy prints; the text around the
    numbers, and how many numbers there are, must be identical.
    """
    if a == b:
        return True
    if not (isinstance(a, str) and isinstance(b, str)):
        return False
    skel_a, nums_a = _split_numbers(a)
    skel_b, nums_b = _split_numbers(b)
    if skel_a != skel_b or len(nums_a) != len(nums_b):
        return False
    for x, y in zip(nums_a, nums_b, strict=True):
        if math.isnan(x) and math.isnan(y):
            continue
        if not math.isclose(x, y, rel_tol=rtol, abs_tol=atol) and x != y:
            return False
    return True


def compare_results(
    cpython: dict, pyodide: dict, *, label: str = "", unstable: frozenset = frozenset()
) -> list[str]:
    """Human-readable differences between two check results (empty: identical verdicts).

    Compared: score, max_score, passed, error (title/message/line), and per test name,
    points, passed and message. Messages must match exactly except for numbers inside
    them (see :func:`messages_match`). ``unstable`` names tests (and ``"error"``) whose
    message is not reproducible even in CPython (e.g. an unseeded bug): their verdicts
    are compared, their messages are not.
    """
    where = f"{label}: " if label else ""
    diffs = []
    for key in ("score", "max_score", "passed"):
        if cpython.get(key) != pyodide.get(key):
            diffs.append(
                f"{where}{key}: CPython {cpython.get(key)!r} != Pyodide {pyodide.get(key)!r}"
            )
    err_c, err_p = cpython.get("error"), pyodide.get("error")
    if (err_c is None) != (err_p is None):
        diffs.append(f"{where}error: CPython {err_c!r} != Pyodide {err_p!r}")
    elif err_c is not None:
        for key in ("title", "message", "line"):
            if key == "message" and "error" in unstable:
                continue
            if not messages_match(err_c.get(key), err_p.get(key)):
                diffs.append(
                    f"{where}error.{key}: CPython {err_c.get(key)!r} != Pyodide {err_p.get(key)!r}"
                )
    tests_c, tests_p = cpython.get("tests") or [], pyodide.get("tests") or []
    if [t.get("name") for t in tests_c] != [t.get("name") for t in tests_p]:
        diffs.append(
            f"{where}tests: CPython {[t.get('name') for t in tests_c]} "
            f"!= Pyodide {[t.get('name') for t in tests_p]}"
        )
    for tc, tp in zip(tests_c, tests_p, strict=False):
        for key in ("points", "passed"):
            if tc.get(key) != tp.get(key):
                diffs.append(
                    f"{where}test {tc.get('name')} {key}: "
                    f"CPython {tc.get(key)!r} != Pyodide {tp.get(key)!r}"
                )
        if tc.get("name") in unstable:
            continue
        if not messages_match(tc.get("message"), tp.get("message")):
            diffs.append(
                f"{where}test {tc.get('name')} message:\n  CPython: {tc.get('message')!r}\n"
                f"  Pyodide: {tp.get('message')!r}"
            )
    return diffs


def submissions(bundle: dict) -> list[tuple[str, dict]]:
    """(label, request) for the solution, the starter and every known bug of a bundle.

    Quizzes too: like ``grader.validate``, the file's text is sent as ``code``.
    """
    where = bundle.get("path") or bundle.get("id", "?")
    try:
        where = Path(where).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        pass
    out = []
    for label, code in [
        ("solution.py", bundle.get("solution")),
        ("starter.py", bundle.get("starter")),
    ]:
        if code is not None:
            out.append((f"{where}/{label}", code))
    for name, code in sorted((bundle.get("bugs") or {}).items()):
        out.append((f"{where}/bugs/{name}", code))
    return [(label, {"action": "check", "exercise": bundle, "code": code}) for label, code in out]


def _browser_request(request: dict) -> dict:
    """The request as the site sends it: the bundle without the bug bank and local path."""
    bundle = {k: v for k, v in request["exercise"].items() if k not in ("bugs", "path")}
    return {**request, "exercise": bundle}


def _unstable_messages(first: dict, second: dict) -> frozenset:
    """Tests (and "error") whose message differs between two CPython runs of one request."""
    names = set()
    if (first.get("error") or {}).get("message") != (second.get("error") or {}).get("message"):
        names.add("error")
    again = {t.get("name"): t.get("message") for t in second.get("tests") or []}
    for t in first.get("tests") or []:
        if again.get(t.get("name")) != t.get("message"):
            names.add(t.get("name"))
    return frozenset(names)


def compare_submission(label: str, request: dict, runner: PyodideRunner) -> list[str]:
    """Grade one request in CPython (``grader.entry``) and in Pyodide; list the differences.

    Pyodide gets the request as the site sends it (no bug bank, no path). When messages
    differ, CPython grades once more: messages that CPython itself does not reproduce
    are left out of the comparison (verdicts and points are still compared).
    """
    import grader

    cpython = json.loads(grader.entry(json.dumps(request)))
    pyodide = runner.check(_browser_request(request))
    diffs = compare_results(cpython, pyodide, label=label)
    if diffs:
        again = json.loads(grader.entry(json.dumps(request)))
        unstable = _unstable_messages(cpython, again)
        if unstable:
            diffs = compare_results(cpython, pyodide, label=label, unstable=unstable)
    return diffs


def compare_in_pyodide(bundles: list[dict], *, runner: PyodideRunner | None = None) -> list[str]:
    """Grade each bundle's solution, starter and bugs in CPython and in Pyodide.

    Returns the differences as human-readable lines (empty list: identical verdicts).
    Starts one Node.js process for all bundles unless ``runner`` is given.
    """
    own = runner is None
    rt = runner or PyodideRunner()
    diffs: list[str] = []
    try:
        if own:
            rt.start()
        for bundle in bundles:
            for label, req in submissions(bundle):
                diffs.extend(compare_submission(label, req, rt))
    finally:
        if own:
            rt.close()
    return diffs


# ---------------------------------------------------------------------- command line


def validate_in_pyodide(root="exercises", *, strict: bool = False, out=print) -> int:
    """`python -m grader validate`, then every verdict once more in real Pyodide.

    The grader never imports the builder, so the Pyodide half of validation lives here.
    Returns the exit code: 2 for a missing folder, 1 for any problem or difference.
    """
    from grader.spec import load_all
    from grader.validate import validate

    status = validate(root, strict=strict, out=out)
    if status == 2:
        return status
    bundles, _problems = load_all(root)  # spec problems were reported above
    diffs = compare_in_pyodide(bundles) if bundles else []
    for line in diffs:
        out(f"error: {line}")
    out(f"compared {len(bundles)} exercise(s) in CPython and Pyodide: {len(diffs)} difference(s)")
    return 1 if status or diffs else 0


def main(argv=None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m builder.pyodide_runner",
        description="Grade in real Pyodide under Node.js, from the site's dist folder.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser(
        "validate",
        help="python -m grader validate, then the same verdicts in Pyodide",
        description="Run python -m grader validate, then grade every solution, starter and "
        "bug again in real Pyodide: same score, verdicts and messages, or an error each.",
    )
    v.add_argument("path", nargs="?", default="exercises")
    v.add_argument("--strict", action="store_true", help="treat warnings as errors")
    args = parser.parse_args(argv)
    return validate_in_pyodide(args.path, strict=args.strict)


if __name__ == "__main__":
    import sys

    sys.exit(main())
