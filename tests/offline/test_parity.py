"""Offline verdicts equal grader.check in-process, and grader.entry inside real Pyodide."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT
from tests.offline.conftest import BENIGN_ODD, IN_PLACE, NAIVE, SOLUTION, WRONG_AXIS

KEYS = ("exercise", "score", "max_score", "passed", "tests", "error", "stdout")


def _requests(softmax_bundle, real_bundles):
    out = []
    for code in (SOLUTION, NAIVE, IN_PLACE, WRONG_AXIS, "def softmax(x:\n", *BENIGN_ODD.values()):
        out.append((softmax_bundle, code))
    for b in real_bundles:
        out.append((b, b["solution"]))
        out.append((b, b["starter"]))
        for code in sorted((b.get("bugs") or {}).items())[:2]:
            out.append((b, code[1]))
    return out


@pytest.fixture(scope="module")
def cases(softmax_bundle, real_bundles, pool):
    reqs = _requests(softmax_bundle, real_bundles)
    offline = pool.map([{"bundle": b, "code": c} for b, c in reqs])
    return reqs, offline


def in_process(requests: list[dict]) -> list[dict]:
    """grader.check run twice per request in one plain interpreter (as a script runs it:
    pytest would otherwise swallow the warnings students see in their output)."""
    import json
    import subprocess
    import sys

    script = (
        "import json, sys, grader\n"
        "reqs = json.load(sys.stdin)\n"
        "print(json.dumps([[grader.check(r), grader.check(r)] for r in reqs]))\n"
    )
    import os
    import tempfile

    # Student code may write files (the corpus has one that does): not into the repo.
    with tempfile.TemporaryDirectory() as scratch:
        proc = subprocess.run([sys.executable, "-c", script], input=json.dumps(requests),
                              capture_output=True, text=True, cwd=scratch, timeout=600,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def reference(cases):
    reqs, _ = cases
    return in_process([{"action": "check", "exercise": b, "code": c} for b, c in reqs])


def test_offline_equals_in_process(cases, reference):
    reqs, offline = cases
    assert len(reqs) > 20
    diffs = []
    for (bundle, code), got, (want, again) in zip(reqs, offline, reference, strict=True):
        if want != again:  # draws from OS entropy on purpose: compare the verdict only
            want = {k: want[k] for k in ("score", "max_score", "passed")}
            got = {k: got[k] for k in want}
        else:
            got = {k: got[k] for k in KEYS}
            want = {k: want[k] for k in KEYS}
        if got != want:
            diffs.append((bundle["id"], code[:60], want, got))
    assert not diffs, diffs[:3]


def test_offline_equals_pyodide(cases, reference, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # in-process student code below may write files
    dist = ROOT / ".cache" / "pyodide" / "dist-0.27.7"
    runner_mod = pytest.importorskip("builder.pyodide_runner")
    if not dist.is_dir():
        pytest.skip(f"Pyodide dist absent ({dist}); run python -m builder.pyodide_dist fetch")
    reqs, offline = cases
    diffs = []
    with runner_mod.PyodideRunner(timeout=120) as runner:
        # The offline modules ship in the browser's grader wheel: they must import there.
        assert runner.eval("import grader.batch, grader.isolate, grader.reports; 'ok'") == "ok"
        for (bundle, code), got in zip(reqs, offline, strict=True):
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
    want = in_process(
        [{"action": "check", "exercise": QUIZ, "answers": a} for a in PARITY_ANSWERS]
        + [{"action": "check", "exercise": QUIZ, "code": t["code"]} for t in code]
    )
    diffs = []
    for task, got, (first, _again) in zip(data + code, offline, want, strict=True):
        got = {k: got[k] for k in KEYS}
        first = {k: first[k] for k in KEYS}
        if got != first:
            diffs.append((task["code"] or task["answers"], first, got))
    assert len(offline) > 20 and not diffs, diffs[:2]
    scores = {r["score"] for r in offline}
    assert len(scores) > 3, f"the answers should cover several scores, got {scores}"
