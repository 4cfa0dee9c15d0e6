"""CPython and Pyodide give identical verdicts on every exercise's known submissions.

For every exercise under exercises/ (discovered with ``grader.spec.load_all``), the
reference solution, the starter and every file in bugs/ are graded with ``grader.entry``
in CPython and inside real Pyodide 0.27.7 under Node.js (one process for the session),
loaded exactly as the site's worker loads it. Score, max score, passed, error, and per
test name/points/passed/message must agree; numbers inside messages may differ within a
small tolerance (``builder.pyodide_runner.messages_match``).
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from builder.pyodide_runner import (
    PyodideRunner,
    compare_results,
    compare_submission,
    messages_match,
    submissions,
)
from grader.spec import load_all

REPO = Path(__file__).resolve().parent.parent


def _cases():
    bundles, _problems = load_all(REPO / "exercises")  # spec problems are validate's job
    cases = []
    for bundle in bundles:
        for label, request in submissions(bundle):
            rel = label.split("exercises/", 1)[-1]
            cases.append(pytest.param(label, request, id=rel))
    return cases


CASES = _cases()


@pytest.fixture(scope="session")
def pyodide_runner():
    with PyodideRunner(timeout=120) as runner:
        yield runner


def test_there_are_exercises_to_compare():
    assert len(CASES) >= 3, "no exercise submissions found under exercises/"


@pytest.mark.parametrize(("label", "request_"), CASES)
def test_same_verdict_in_cpython_and_pyodide(label, request_, pyodide_runner):
    diffs = compare_submission(label, request_, pyodide_runner)
    assert diffs == [], "CPython and Pyodide disagree:\n" + "\n".join(diffs)


# --------------------------------------------------------------- the comparison itself


_RESULT = {
    "exercise": "demo",
    "action": "check",
    "score": 2,
    "max_score": 3,
    "passed": False,
    "error": None,
    "stdout": "",
    "tests": [
        {"name": "a", "description": "", "points": 2, "passed": True, "message": ""},
        {
            "name": "b",
            "description": "",
            "points": 1,
            "passed": False,
            "message": "x: expected 0.30000000000000004, got 1.5 (dtype float64).",
        },
    ],
}


def test_comparison_accepts_identical_and_last_digit_differences():
    other = copy.deepcopy(_RESULT)
    assert compare_results(_RESULT, other) == []
    other["tests"][1]["message"] = "x: expected 0.3, got 1.5000000000000002 (dtype float64)."
    assert compare_results(_RESULT, other) == []


@pytest.mark.parametrize(
    ("path", "value", "needle"),
    [
        (("score",), 3, "score: CPython 2 != Pyodide 3"),
        (("passed",), True, "passed: CPython False != Pyodide True"),
        (("tests", 1, "passed"), True, "test b passed"),
        (("tests", 0, "points"), 1, "test a points"),
        (("tests", 1, "name"), "c", "tests: CPython ['a', 'b'] != Pyodide ['a', 'c']"),
        (("tests", 1, "message"), "x: expected 0.3, got 1.6 (dtype float64).", "test b message"),
        (("tests", 1, "message"), "x: expected 0.3, got 1.5 (dtype float32).", "test b message"),
        (("error",), {"title": "T", "message": "m", "line": 1}, "error: CPython None"),
    ],
)
def test_comparison_reports_each_difference(path, value, needle):
    other = copy.deepcopy(_RESULT)
    target = other
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    diffs = compare_results(_RESULT, other, label="demo/solution.py")
    assert diffs and any(needle in d for d in diffs), diffs
    assert all(d.startswith("demo/solution.py: ") for d in diffs)


def test_message_numbers_tolerance_is_narrow():
    assert messages_match("error 1.234567e-05 at [1, 2]", "error 1.2345670000001e-05 at [1, 2]")
    assert not messages_match("error 1.2346e-05", "error 1.2347e-05")
    assert not messages_match("got int64", "got int32")
    assert not messages_match("values [1, 2]", "values [1, 2, 3]")
    assert messages_match("nan and inf", "nan and inf")


# ------------------------------------------------------- quiz answers of every type


def test_quiz_answers_of_every_type_agree(pyodide_runner):
    """Answers as the page sends them (every type; partial credit; refused numbers) give
    the very same result, per-question scores and messages included, in both runtimes."""
    import json

    import grader
    from tests.grader.test_quiz import PARITY_ANSWERS, QUIZ

    diffs = []
    for answers in PARITY_ANSWERS:
        request = {"action": "check", "exercise": QUIZ, "answers": answers}
        cpython = json.loads(grader.entry(json.dumps(request)))
        pyodide = pyodide_runner.check(request)
        if cpython != pyodide:
            diffs.append(f"{answers!r}:\n  CPython: {cpython}\n  Pyodide: {pyodide}")
    assert len(PARITY_ANSWERS) > 10 and not diffs, "\n".join(diffs[:3])
