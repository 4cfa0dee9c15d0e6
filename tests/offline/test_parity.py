"""Offline verdicts equal grader.check in-process, and grader.entry inside real Pyodide.

The offline verdict is computed in the parent by replaying the hidden tests against the
child's record (grader/record.py, grader/replay.py): these tests prove the replay gives
the same verdicts and messages as grading in-process, on the whole corpus.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import FIXTURES, ROOT
from tests.offline.conftest import BENIGN_ODD, IN_PLACE, NAIVE, SOLUTION, WRONG_AXIS

KEYS = ("exercise", "score", "max_score", "passed", "tests", "error", "stdout")
# Offline == Pyodide follows for the corpus from offline == in-process (every solution,
# starter and bug, below) and in-process == Pyodide (tests/test_parity.py, the same corpus):
# Pyodide itself only grades what neither covers, the fixture's odd cases.
PYODIDE_KINDS = ("fixture",)


def _requests(softmax_bundle, real_bundles) -> list[tuple[dict, str, str]]:
    """(bundle, code, what) for the fixture's odd cases and every code exercise's solution,
    starter and every bug of its bug bank."""
    out = []
    for code in (SOLUTION, NAIVE, IN_PLACE, WRONG_AXIS, "def softmax(x:\n", *BENIGN_ODD.values()):
        out.append((softmax_bundle, code, "fixture"))
    for b in real_bundles:
        if b.get("kind") == "quiz":
            continue
        out.append((b, b["solution"], "solution"))
        out.append((b, b["starter"], "starter"))
        for i, (_, code) in enumerate(sorted((b.get("bugs") or {}).items())):
            out.append((b, code, f"bug {i}"))
    return out


@pytest.fixture(scope="module")
def cases(softmax_bundle, real_bundles):
    reqs = _requests(softmax_bundle, real_bundles)
    from grader.pool import Pool

    # The sandbox is not what this compares (tests/offline/test_sandbox.py is): none.
    with Pool(2, protected=[FIXTURES, ROOT / "exercises"], sandbox="none") as pool:
        offline = pool.map([{"bundle": b, "code": c} for b, c, _ in reqs])
    return reqs, offline


def in_process(requests: list[dict], *, runs: int = 1, workers: int = 2) -> list[list[dict]]:
    """grader.check run `runs` times per request in plain interpreters (as a script runs
    it: pytest would otherwise swallow the warnings students see in their output), the
    requests split over `workers` processes."""
    script = (
        "import json, sys, grader\n"
        "reqs = json.load(sys.stdin)\n"
        f"print(json.dumps([[grader.check(r) for _ in range({runs})] for r in reqs]))\n"
    )

    def run(part: list[dict]) -> list:
        # Student code may write files (the corpus has one that does): not into the repo.
        with tempfile.TemporaryDirectory() as scratch:
            proc = subprocess.run([sys.executable, "-c", script], input=json.dumps(part),
                                  capture_output=True, text=True, cwd=scratch, timeout=1800,
                                  env={**os.environ, "PYTHONPATH": str(ROOT)})  # fmt: skip
        assert proc.returncode == 0, proc.stderr[-2000:]
        return json.loads(proc.stdout)

    parts = [requests[i::workers] for i in range(workers)]
    with ThreadPoolExecutor(workers) as ex:
        done = list(ex.map(run, parts))
    out: list = [None] * len(requests)
    for i, part in enumerate(done):
        out[i::workers] = part
    return out


@pytest.fixture(scope="module")
def reference(cases):
    reqs, _ = cases
    return [
        r[0]
        for r in in_process([{"action": "check", "exercise": b, "code": c} for b, c, _ in reqs])
    ]


def test_offline_equals_in_process(cases, reference):
    """Every solution, starter and bug of the corpus: the verdict judged in the parent from
    the child's record equals grader.check's, messages and output included."""
    reqs, offline = cases
    assert len(reqs) > 500 and sum(what.startswith("bug") for *_, what in reqs) > 400
    diffs = []
    for (bundle, code, what), got, want in zip(reqs, offline, reference, strict=True):
        got, want = {k: got[k] for k in KEYS}, {k: want[k] for k in KEYS}
        if got != want:
            diffs.append((bundle, code, what, want, got))
    if diffs:  # draws from OS entropy on purpose? then only the verdict must agree
        again = in_process(
            [{"action": "check", "exercise": b, "code": c} for b, c, *_ in diffs], runs=2
        )
        kept = []
        for (bundle, _code, what, want, got), (first, second) in zip(diffs, again, strict=True):
            if first != second:
                want = {k: want[k] for k in ("score", "max_score", "passed")}
                got = {k: got[k] for k in want}
            if got != want:
                kept.append((bundle["id"], what, want, got))
        diffs = kept
    assert not diffs, diffs[:3]
    verdicts = {(r["passed"], r["score"] == 0) for r in offline}
    assert verdicts == {(True, False), (False, True), (False, False)}, verdicts


def test_offline_equals_pyodide(cases, reference, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # in-process student code below may write files
    dist = ROOT / ".cache" / "pyodide" / "dist-0.27.7"
    runner_mod = pytest.importorskip("builder.pyodide_runner")
    if not dist.is_dir():
        pytest.skip(f"Pyodide dist absent ({dist}); run python -m builder.pyodide_dist fetch")
    reqs, offline = cases
    keep = [i for i, (*_, what) in enumerate(reqs) if what in PYODIDE_KINDS]
    reqs, offline = [reqs[i] for i in keep], [offline[i] for i in keep]
    diffs = []
    with runner_mod.PyodideRunner(timeout=120) as runner:
        # The offline modules ship in the browser's grader wheel: they must import there.
        assert (
            runner.eval("import grader.batch, grader.isolate, grader.reports, grader.replay; 'ok'")
            == "ok"
        )
        for (bundle, code, _), got in zip(reqs, offline, strict=True):
            request = {"action": "check", "exercise": bundle, "code": code}
            browser = runner.check(runner_mod._browser_request(request))
            import grader

            unstable = runner_mod._unstable_messages(grader.check(request), grader.check(request))
            diffs += runner_mod.compare_results(
                got, browser, label=f"{bundle['id']}: {code[:40]!r}", unstable=unstable
            )
    assert not diffs, "\n".join(diffs[:10])


def test_quiz_answers_of_every_type_offline_equal_in_process(pool):
    """Quiz answers of every type, as data (an export) and as code (a notebook or .py),
    give the in-process verdict offline, per-question scores and messages included."""
    from tests.grader.test_quiz import PARITY_ANSWERS, QUIZ

    data = [{"bundle": QUIZ, "code": None, "answers": a} for a in PARITY_ANSWERS]
    code = [{"bundle": QUIZ, "code": f"answers = {a!r}\n", "answers": None} for a in PARITY_ANSWERS]
    offline = pool.map(data + code)
    want = in_process(  # one run each: quiz grading has no randomness
        [{"action": "check", "exercise": QUIZ, "answers": a} for a in PARITY_ANSWERS]
        + [{"action": "check", "exercise": QUIZ, "code": t["code"]} for t in code]
    )
    diffs = []
    for task, got, (first,) in zip(data + code, offline, want, strict=True):
        got = {k: got[k] for k in KEYS}
        first = {k: first[k] for k in KEYS}
        if got != first:
            diffs.append((task["code"] or task["answers"], first, got))
    assert len(offline) > 20 and not diffs, diffs[:2]
    scores = {r["score"] for r in offline}
    assert len(scores) > 3, f"the answers should cover several scores, got {scores}"
