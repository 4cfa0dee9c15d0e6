"""The channel between the parent and its zygotes: a dead, stopped or lying worker costs
only its own job (retried once on a fresh worker, else marked with a reason), an honest
student graded after it on the same pool gets the right verdict, the batch finishes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from tests.conftest import FIXTURES, ROOT
from tests.offline.conftest import SOLUTION, WRONG_AXIS

GRACE = 1.0  # s beyond a job's wall limit: short, so a silent worker costs seconds
BUDGET = 120.0  # s a whole small batch may take on a busy machine (start-up included)


@pytest.fixture(scope="module")
def quick_bundle(softmax_bundle):
    """The fixture softmax with a 1 s time limit: a wall limit of 8 s per job."""
    return {**softmax_bundle, "time_limit": 1}


@pytest.fixture(scope="module")
def expected(quick_bundle):
    """What an honest run gives each honest submission (the in-process grader)."""
    import grader

    def verdict(code):
        got = grader.check({"action": "check", "exercise": quick_bundle, "code": code})
        return got["score"], got["passed"], [t["passed"] for t in got["tests"]]

    return {"solution": verdict(SOLUTION), "wrong_axis": verdict(WRONG_AXIS)}


def _verdict(result):
    return result["score"], result["passed"], [t["passed"] for t in result["tests"]]


def _assert_honest(results, expected, names=("solution", "wrong_axis")):
    for result, name in zip(results, names, strict=True):
        assert _verdict(result) == expected[name], (name, result["error"], result["tests"])
    assert expected["solution"][1] and not expected["wrong_axis"][1]  # the oracle is sane


def _sandbox() -> str:
    """bwrap where it works here, else none: the channel's guarantees hold under both."""
    from grader.sandbox import SandboxUnavailable, resolve

    try:
        resolve("bwrap")
    except SandboxUnavailable:
        return "none"
    return "bwrap"


def _pool(cls=None):
    from grader.pool import Pool

    kind = cls or Pool
    return kind(1, protected=[FIXTURES, ROOT / "exercises"], grace=GRACE, sandbox=_sandbox())


# ------------------------------------------------------------- attacks from student code

FORGE_REPLIES = textwrap.dedent(
    """
    import json, os
    lines = b""
    for i in range(20):
        for status in ("no_report", "unverified", "reported"):
            reply = {"id": i, "status": status, "exit": 0, "signal": None, "cpu": 0.0,
                     "killed_at_wall": False, "mac": "0" * 64, "rmac": "0" * 64,
                     "payload": "{}", "report": {"score": 6, "passed": True}}
            lines += json.dumps(reply).encode() + b"\\n"
    targets = [f"/proc/{os.getppid()}/fd/1", f"/proc/{os.getppid()}/fd/0"]
    reached = []
    for path in targets:
        try:
            fd = os.open(path, os.O_WRONLY)
            os.write(fd, lines)
            reached.append(path)
        except OSError:
            pass
    for fd in range(0, 1100):
        try:
            os.write(fd, lines)
        except OSError:
            pass
    print("reached:", reached)

    def softmax(x, axis=-1):
        return x
    """
)

STOP_WORKER = (
    "import os, signal\n"
    "signal.pidfd_send_signal(os.pidfd_open(os.getppid()), signal.SIGSTOP)\n" + SOLUTION
)
KILL_WORKER = (
    "import os, signal\n"
    "signal.pidfd_send_signal(os.pidfd_open(os.getppid()), signal.SIGKILL)\n" + SOLUTION
)


def test_reply_lines_a_child_writes_never_reach_a_later_job(quick_bundle, expected):
    codes = [FORGE_REPLIES, SOLUTION, WRONG_AXIS, SOLUTION]
    start = time.monotonic()
    with _pool() as pool:
        results = pool.map([{"bundle": quick_bundle, "code": c} for c in codes])
    assert time.monotonic() - start < BUDGET
    attack = results[0]
    assert attack["score"] == 0 and not attack["passed"], attack
    _assert_honest(results[1:], expected, ("solution", "wrong_axis", "solution"))


@pytest.mark.parametrize(
    "code, why",
    [(STOP_WORKER, "stopped answering"), (KILL_WORKER, "exited")],
    ids=["sigstop", "sigkill"],
)
def test_a_student_who_stops_or_kills_its_worker_costs_only_its_own_job(
    quick_bundle, expected, code, why
):
    start = time.monotonic()
    with _pool() as pool:
        results = pool.map([{"bundle": quick_bundle, "code": c} for c in (code, SOLUTION)])
        assert len(pool.zygotes) == 1 and pool.zygotes[0].healthy()  # the third, fresh one
    assert time.monotonic() - start < BUDGET
    attack = results[0]
    assert attack["score"] == 0 and attack["error"] is not None, attack
    if attack["error"]["title"] == "Grading worker failed":  # (a sandbox may refuse earlier)
        assert (
            why in attack["error"]["message"] and "two fresh workers" in attack["error"]["message"]
        )
    _assert_honest(results[1:], expected, ("solution",))


# ------------------------------------------------- a real zygote stopped or killed by us


@pytest.mark.parametrize("sig", [signal.SIGSTOP, signal.SIGKILL], ids=["sigstop", "sigkill"])
def test_a_worker_stopped_or_killed_between_jobs_is_replaced(quick_bundle, expected, sig):
    with _pool() as pool:
        (warm,) = pool.map([{"bundle": quick_bundle, "code": SOLUTION}])
        assert _verdict(warm) == expected["solution"]
        (victim,) = pool.zygotes
        os.killpg(victim.proc.pid, sig)
        start = time.monotonic()
        try:
            results = pool.map(
                [{"bundle": quick_bundle, "code": c} for c in (SOLUTION, WRONG_AXIS)]
            )
        finally:
            if victim.proc.poll() is None:
                os.killpg(victim.proc.pid, signal.SIGCONT)
        assert time.monotonic() - start < BUDGET
        _assert_honest(results, expected)
        assert victim not in pool.zygotes and victim.proc.poll() is not None


# ------------------------------------------------------------ scripted (lying) zygotes

FAKE = textwrap.dedent(
    """
    import json, os, sys, time
    sys.path.insert(0, {root!r})
    from grader.pool import _reply_mac

    behaviour = {behaviour!r}

    def signed(key, reply):
        reply["rmac"] = _reply_mac(key, reply)
        return json.dumps(reply).encode() + b"\\n"

    def crashed(i):
        return {{"id": i, "status": "no_report", "exit": 0, "signal": None, "cpu": 0.0,
                 "killed_at_wall": False, "report": None}}

    out = sys.stdout.buffer
    for line in sys.stdin.buffer:
        job = json.loads(line)
        i, key = job["id"], bytes.fromhex(job["key"])
        if behaviour == "silent":
            time.sleep(3600)
        elif behaviour == "exits":
            os._exit(0)
        elif behaviour == "garbage":
            out.write(b"\\x1b[2J\\x1b[31mnot a reply\\n")
        elif behaviour == "wrong_id":
            out.write(signed(key, crashed(i + 1)))
        elif behaviour == "unsigned":  # what a stray line from a child looks like
            out.write(json.dumps(crashed(i)).encode() + b"\\n")
        elif behaviour == "claims_full_marks":
            out.write(signed(key, {{"id": i, "status": "reported",
                                    "report": {{"score": 6, "passed": True}}}}))
        elif behaviour == "two_lines":
            out.write(signed(key, crashed(i)) + json.dumps(crashed(i + 1)).encode() + b"\\n")
        elif behaviour == "half_line":
            out.write(b'{{"id": ' + str(i).encode())
            out.flush()
            time.sleep(3600)
        elif behaviour == "late_extra":  # answers, then speaks for the next job
            out.write(signed(key, crashed(i)))
            out.flush()
            time.sleep(0.5)
            out.write(json.dumps(crashed(i + 1)).encode() + b"\\n")
        out.flush()
    """
)


def _fake_zygote(behaviour):
    from grader.pool import Zygote

    z = Zygote.__new__(Zygote)  # the real submit/kill, around a scripted process
    z.proc = subprocess.Popen(
        [sys.executable, "-c", FAKE.format(root=str(ROOT), behaviour=behaviour)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    return z


def _scripted_pool(behaviours):
    from grader.pool import Pool

    class Scripted(Pool):
        """A pool whose next zygotes are the scripted ones, then real ones."""

        fakes: list = []

        def _new_zygote(self):
            if not behaviours:
                return super()._new_zygote()
            z = _fake_zygote(behaviours.pop(0))
            self.fakes.append(z)
            with self._lock:
                self.zygotes.append(z)
            return z

    return _pool(Scripted)


LIARS = ["silent", "exits", "garbage", "wrong_id", "unsigned", "claims_full_marks",
         "two_lines", "half_line"]  # fmt: skip
REASONS = {"silent": "stopped answering", "half_line": "stopped answering", "exits": "exited"}


@pytest.mark.parametrize("behaviour", LIARS)
def test_a_lying_worker_is_killed_and_the_job_retried_on_a_fresh_one(
    quick_bundle, expected, behaviour
):
    start = time.monotonic()
    with _scripted_pool([behaviour]) as pool:
        results = pool.map([{"bundle": quick_bundle, "code": c} for c in (SOLUTION, WRONG_AXIS)])
        (fake,) = pool.fakes
        assert fake.proc.poll() is not None and fake not in pool.zygotes
    assert time.monotonic() - start < BUDGET
    _assert_honest(results, expected)


@pytest.mark.parametrize("behaviour", LIARS)
def test_a_job_failed_by_two_workers_is_marked_and_the_batch_goes_on(
    quick_bundle, expected, behaviour
):
    start = time.monotonic()
    with _scripted_pool([behaviour, behaviour]) as pool:
        results = pool.map([{"bundle": quick_bundle, "code": c} for c in (SOLUTION, WRONG_AXIS)])
        assert all(f.proc.poll() is not None for f in pool.fakes) and len(pool.fakes) == 2
    assert time.monotonic() - start < BUDGET
    lost = results[0]
    assert lost["score"] == 0 and not lost["passed"], lost
    assert lost["error"]["title"] == "Grading worker failed", lost["error"]
    reason = REASONS.get(behaviour, "sent a reply that was not for this submission")
    assert reason in lost["error"]["message"] and "two fresh workers" in lost["error"]["message"]
    assert [t["passed"] for t in lost["tests"]] == [False] * len(expected["solution"][2])
    _assert_honest(results[1:], expected, ("wrong_axis",))


def test_a_line_sent_after_the_reply_never_speaks_for_the_next_job(quick_bundle, expected):
    with _scripted_pool(["late_extra"]) as pool:
        codes = (SOLUTION, SOLUTION, WRONG_AXIS)
        results = pool.map([{"bundle": quick_bundle, "code": c} for c in codes])
        (fake,) = pool.fakes
        assert fake.proc.poll() is not None
    # The first job's reply was well formed (a lying worker's word about its own job cannot
    # be checked); the later jobs are graded on a fresh worker, each as it should be.
    _assert_honest(results[1:], expected)


def test_verify_rejects_replies_the_zygote_did_not_sign_for_this_job():
    from grader.pool import _reply_mac, _verify

    key, other = os.urandom(32), os.urandom(32)
    base = {"id": 3, "status": "no_report", "exit": 0, "signal": None, "cpu": 0.5,
            "killed_at_wall": False, "report": None}  # fmt: skip
    good = {**base, "rmac": _reply_mac(key, base)}
    assert _verify(json.loads(json.dumps(good)), 3, key)["status"] == "no_report"
    cases = {
        "another job's id": (good, 4, key, "wrong_id"),
        "another job's key": ({**base, "rmac": _reply_mac(other, base)}, 3, key, "bad_reply"),
        "no MAC": (base, 3, key, "bad_reply"),
        "edited after signing": ({**good, "exit": 1}, 3, key, "bad_reply"),
        "not an object": ([good], 3, key, "wrong_id"),
        "id as a bool": ({**good, "id": True}, 1, key, "wrong_id"),
    }
    for name, (reply, job_id, k, status) in cases.items():
        assert _verify(reply, job_id, k)["status"] == status, name
    typed = {**base, "cpu": "fast"}
    assert _verify({**typed, "rmac": _reply_mac(key, typed)}, 3, key)["status"] == "bad_reply"
    claims = {**base, "status": "reported", "report": {"score": 6}}
    assert _verify({**claims, "rmac": _reply_mac(key, claims)}, 3, key)["status"] == "bad_reply"
