"""Every kind of hostile submission ends in an honest zero with a reason, never a stall."""

from __future__ import annotations

import pytest

from tests.offline.conftest import BENIGN_ODD, HOSTILE, SOLUTION

# Graded with limits of their own (test_the_cpu_limit_stops_code_that_blocks_the_timer).
LOAD_SENSITIVE = {"cpu_limit_dodger"}


@pytest.fixture(scope="module")
def hostile_results(pool, softmax_bundle):
    names = sorted(set(HOSTILE) - LOAD_SENSITIVE)
    tasks = [{"bundle": softmax_bundle, "code": HOSTILE[n][0]} for n in names]
    return dict(zip(names, pool.map(tasks), strict=True))


@pytest.mark.parametrize("name", sorted(set(HOSTILE) - LOAD_SENSITIVE))
def test_hostile_submission_scores_zero_with_a_reason(hostile_results, name):
    _, title, fragment = HOSTILE[name]
    result = hostile_results[name]
    assert result["score"] == 0 and not result["passed"], result
    assert result["max_score"] == 6
    assert [t["name"] for t in result["tests"]] == ["one_row", "large_values", "axis_zero"]
    assert not any(t["passed"] for t in result["tests"])
    if title is None:
        return
    assert result["error"] is not None, result
    assert result["error"]["title"] == title, result["error"]
    assert fragment in result["error"]["message"], result["error"]


def test_the_cpu_limit_stops_code_that_blocks_the_timer(pool, softmax_bundle, monkeypatch):
    """Load-independent: the wall limit is raised far above the CPU limit, so however busy
    the machine, the CPU limit (2 s soft, 3 s hard for a 1 s time limit) fires first."""
    import grader.pool

    real = grader.pool.limits_for
    monkeypatch.setattr(grader.pool, "limits_for", lambda b: {**real(b), "wall": 600})
    bundle = {**softmax_bundle, "time_limit": 1}
    (result,) = pool.map([{"bundle": bundle, "code": HOSTILE["cpu_limit_dodger"][0]}])
    assert result["score"] == 0 and not result["passed"], result
    assert result["error"]["title"] == "Time limit exceeded", result["error"]
    assert "used more than 2 s of CPU time" in result["error"]["message"], result["error"]


def test_nothing_was_written_outside_the_scratch_folder(hostile_results):
    import os

    assert not os.path.exists("/tmp/nprl-owned.txt")


def test_correct_code_that_does_odd_things_keeps_full_marks(pool, softmax_bundle):
    names = sorted(BENIGN_ODD)
    results = pool.map([{"bundle": softmax_bundle, "code": BENIGN_ODD[n]} for n in names])
    for name, result in zip(names, results, strict=True):
        assert result["passed"] and result["score"] == 6, (name, result)


def test_the_pool_survives_hostile_jobs(pool, softmax_bundle, hostile_results):
    (result,) = pool.map([{"bundle": softmax_bundle, "code": SOLUTION}])
    assert result["passed"]


def test_the_worker_never_receives_solutions_or_bugs(softmax_bundle):
    from grader.isolate import worker_bundle

    wb = worker_bundle(softmax_bundle)
    assert "solution" not in wb and "bugs" not in wb and "path" not in wb
    assert SOLUTION not in repr(wb)


def test_quiz_worker_bundle_has_no_answer_key(real_bundles):
    from grader.isolate import worker_bundle

    quizzes = [b for b in real_bundles if b["kind"] == "quiz"]
    if not quizzes:
        pytest.skip("no quiz exercise under exercises/ yet")
    for b in quizzes:
        assert "questions" not in worker_bundle(b)


def test_a_forged_report_is_rejected_by_the_verdict(softmax_bundle):
    """The parent recomputes everything: a report with wrong tests or types earns nothing."""
    from grader.isolate import finish, limits_for, trusted_tests

    tests = trusted_tests(softmax_bundle)
    limits = limits_for(softmax_bundle)
    bad_reports = [
        {"tests": [{"name": "one_row", "passed": True, "message": ""}], "error": None},
        {
            "tests": [{"name": t["name"], "passed": 1, "message": ""} for t in tests],
            "error": None,
            "stdout": "",
        },
        {
            "tests": [
                {"name": t["name"], "passed": True, "message": "", "points": 100} for t in tests
            ]
            + [{"name": "bonus", "passed": True, "message": ""}],
            "error": None,
            "stdout": "",
        },
        {"score": 6, "passed": True},
        ["not", "an", "object"],
    ]
    for report in bad_reports:
        result = finish(softmax_bundle, tests, limits, {}, {"status": "reported", "report": report})
        assert result["score"] == 0 and not result["passed"], report
        assert result["error"]["title"] == "Result rejected"
    # A report of outcomes ("passed": True) is no evidence: the parent replays the tests
    # against a record of the student's code (grader/replay.py) and gives nothing here.
    good = {
        "tests": [
            {"name": t["name"], "passed": True, "message": "ok", "points": 100} for t in tests
        ],
        "error": None,
        "stdout": "",
    }
    result = finish(softmax_bundle, tests, limits, {}, {"status": "reported", "report": good})
    assert result["score"] == 0 and result["max_score"] == 6 and not result["passed"]
    assert result["error"]["title"] == "Result rejected"
