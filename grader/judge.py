"""The verdict: computed in the parent from a child's report and trusted data only.

For code exercises the report is a record of what the student's code did
(`grader.record`); `finish` replays the exercise's hidden tests against it
(`grader.replay`), so every assertion, score and message is computed in this process,
where no student code runs. A report that is missing, unauthentic or malformed ends in an
honest zero with a reason. (Importing `grader.record` here puts it in the zygote before
its guard snapshot, so the guard covers it in every child.)
"""

from __future__ import annotations

from . import record  # noqa: F401  (see the module docstring)
from .errors import TAMPERED, error_data
from .jobs import MAX_MESSAGE, MEMORY_LIMIT, decode_answers
from .quiz import earned_points
from .replay import clean_error

# ------------------------------------------------------------------------ the verdict


_SIGNAL_NAMES = {4: "SIGILL", 6: "SIGABRT", 7: "SIGBUS", 8: "SIGFPE", 9: "SIGKILL",
                 11: "SIGSEGV", 24: "SIGXCPU", 25: "SIGXFSZ"}  # fmt: skip


def _why_no_report(reply: dict, limits: dict) -> dict:
    status, sig, code = reply.get("status"), reply.get("signal"), reply.get("exit")
    if status in ("bad_signature", "wrong_id"):
        return error_data(
            "Result rejected",
            "The grading process sent a result that is not authentic, so no points can be given.",
            "Do not write to the grader's files or pipes.",
        )
    if status in ("too_big", "malformed"):
        return error_data("Result rejected", f"The grading process sent a {status.replace('_', ' ')} "
                      "result, so no points can be given.")  # fmt: skip
    if status == "zygote_error":
        return error_data("Grader error", f"The grading worker failed: {reply.get('detail')}",
                      "This is not your fault: please tell your instructor.")  # fmt: skip
    if status in ("worker_stopped", "worker_died", "worker_lied"):  # pool.py: failed twice
        return error_data("Grading worker failed", f"{reply.get('detail')}, so no points can be "
                          "given.", "Code that stops, kills or writes to the grader's processes "
                          "earns no points; if yours does not, tell your instructor.")  # fmt: skip
    if reply.get("killed_at_wall"):
        return error_data(
            "Time limit exceeded",
            f"Your code was still running after {limits['wall']:g} s and was stopped.",
            "Look for a loop that never ends, or a call that waits forever.",
        )
    if sig == 24 or (sig == 9 and reply.get("cpu", 0) >= limits["cpu"] - 0.05):
        return error_data(
            "Time limit exceeded",
            f"Your code used more than {limits['cpu']:g} s of CPU time and was stopped.",
            "Look for a loop whose condition never becomes false.",
        )
    if sig is not None:
        name = _SIGNAL_NAMES.get(sig, f"signal {sig}")
        return error_data(
            "Grading crashed",
            f"The grading process was killed by {name} before reporting a result.",
            "Code that crashes the interpreter (or kills it) earns no points.",
        )
    return error_data(
        "Grading crashed",
        f"The grading process ended with status {code} before reporting a result.",
        "Do not call exit(), os._exit() or similar in your code.",
    )


def _not_run(tests: list[dict], error: dict) -> list[dict]:
    note = f"Not run: {error['title'].lower()}."
    return [{**t, "passed": False, "message": note} for t in tests]


def _raise_internal() -> bool:
    import os
    import sys

    return "pytest" in sys.modules or os.environ.get("GRADER_RAISE") == "1"


def finish(bundle: dict, tests: list[dict], limits: dict, task: dict, reply: dict) -> dict:
    """The verdict for one job: the hidden tests replayed here against the child's record.

    Deterministic: the same report gives the same result anywhere. The child's report
    supplies only what the student's code did (`grader.record`); every assertion, score
    and message is computed in this process (`grader.replay`).
    """
    result_tests, error, stdout = None, None, ""
    report = reply.get("report") if reply.get("status") == "reported" else None
    if report is None:
        error = _why_no_report(reply, limits)
    else:
        try:
            if type(report) is not dict:
                raise ValueError("the report is not an object")
            if bundle.get("kind") == "quiz":
                error = clean_error(report.get("error"))
                stdout = report.get("stdout", "")
                if type(stdout) is not str:
                    raise ValueError("stdout is not a string")
                result_tests, error = _quiz_outcomes(bundle, report, error)
            else:
                result_tests, error, stdout = _code_outcomes(bundle, tests, report, limits)
        except ValueError as exc:
            error = error_data("Result rejected", f"The grading process sent a malformed result "
                           f"({exc}), so no points can be given.")  # fmt: skip
            result_tests, stdout = None, ""
        except Exception as exc:
            if _raise_internal():
                raise
            error = error_data(
                "Grader error",
                f"The grader failed on this exercise: {type(exc).__name__}: {exc}",
                "This is not your fault: please tell your instructor.",
            )
            result_tests, stdout = None, ""
    if error is not None and error["title"] == "Grader error" and "MemoryError" in error["message"]:
        error, result_tests = _out_of_memory(limits), None
    if result_tests is None:
        result_tests = _not_run(tests, error)
    score = sum(earned_points(t) for t in result_tests)
    max_score = sum(t["points"] for t in tests)
    return {
        "exercise": bundle["id"],
        "action": "check",
        "score": score,
        "max_score": max_score,
        "passed": error is None and score == max_score,
        "tests": result_tests,
        "error": error,
        "stdout": stdout[:30000],
    }


def _out_of_memory(limits: dict) -> dict:
    return error_data(
        "Out of memory",
        f"Your code needed more than the {limits.get('memory', MEMORY_LIMIT) / 1024**3:g} GiB "
        "of memory allowed and was stopped.",
        "Look for arrays far larger than the inputs, or a list that grows without end.",
    )


def _code_outcomes(bundle: dict, tests: list[dict], report: dict, limits: dict):
    """(tests, error, stdout) of a code exercise, from the replay of the child's record."""
    from .quiz import void
    from .replay import judge_code

    fatal = report.get("fatal")
    if fatal == "memory":
        return None, _out_of_memory(limits), ""
    if fatal is not None:
        if type(fatal) is not str:
            raise ValueError("fatal is not a string")
        return None, error_data(
            "Grader error",
            f"The grader failed on this exercise: {fatal[:MAX_MESSAGE]}",
            "This is not your fault: please tell your instructor.",
        ), ""  # fmt: skip
    out = judge_code(bundle, report)
    if [t["name"] for t in out["tests"]] != [t["name"] for t in tests]:
        raise ValueError("the replayed tests do not match the exercise's hidden tests")
    result = [
        {**trusted, "passed": t["passed"], "message": t["message"][:MAX_MESSAGE]}
        for trusted, t in zip(tests, out["tests"], strict=True)
    ]
    error = out["error"]
    if report.get("tampered") is True:
        result = [void(t) for t in result]
        error = error_data(*TAMPERED)
    return result, error, out["stdout"]


def _quiz_outcomes(bundle: dict, report: dict, error):
    from .quiz import grade_quiz, void
    from .seal import open_bundle

    answers = report.get("answers")
    answers = decode_answers(answers) if answers is not None else None
    # grade_quiz itself, not grader.check: answers are data, so no guard session (which
    # is process-wide and would race with other threads' replays) is needed here.
    tests = grade_quiz(open_bundle(bundle)[0], answers or {})
    if error is None and type(answers) is not dict:
        error = error_data("No answers", "Define `answers = {...}` as in the starter.")
    if report.get("tampered") is True:
        tests = [void(t) for t in tests]
        error = error_data(*TAMPERED)
    return tests, error


def grade_answers(bundle: dict, answers) -> dict:
    """grader.check's result for quiz answers given as data, graded in the parent.

    The same fields and values as `grader.check({"exercise": bundle, "answers": answers})`,
    without its guard session: no student code runs here, and a guard session is
    process-wide, so one in this thread would read other threads' work (a replay, a
    worker starting) as tampering.
    """
    from . import attempt
    from .quiz import grade_quiz
    from .seal import open_bundle

    bundle, solution_key = open_bundle(bundle)
    tests = grade_quiz(bundle, answers)
    score = sum(earned_points(t) for t in tests)
    max_score = sum(t["points"] for t in tests)
    genuine = attempt.is_attempt(bundle, None, answers)
    result = {
        "exercise": bundle.get("id"),
        "action": "check",
        "score": score,
        "max_score": max_score,
        "passed": score == max_score,
        "tests": tests,
        "error": None,
        "stdout": "",
        "attempt": genuine,
    }
    limit = bundle.get("unlock_after_checks")
    unlocked = genuine or (bool(limit) and not result["passed"] and limit <= 1)
    if unlocked and solution_key is not None:
        result["solution_key"] = solution_key
    return result
