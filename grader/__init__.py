"""The exercise grader: one entry point, identical in CPython and Pyodide.

`check(request) -> dict` grades or runs one submission; `entry(json) -> json` is the same
call across the JavaScript boundary. Only the standard library is imported here; NumPy
is imported where an exercise needs it.
"""

from __future__ import annotations

import json
import os
import sys

from . import attempt, errors, guard, live, quiz, runner, seal, student, testing  # noqa: F401
from .errors import GraderError, SpecError, error_data

__all__ = ["check", "entry", "GraderError", "SpecError", "__version__"]
__version__ = "0.1.0"


def _bad_request(message: str, exercise_id=None) -> dict:
    return {
        "exercise": exercise_id,
        "action": "check",
        "score": 0,
        "max_score": 0,
        "passed": False,
        "tests": [],
        "error": error_data("Bad request", message),
        "stdout": "",
    }


def _raise_internal() -> bool:
    return "pytest" in sys.modules or os.environ.get("GRADER_RAISE") == "1"


def check(request: dict) -> dict:
    """Grade (`action: check`) or run (`action: run`) one submission; return plain data."""
    try:
        return _check(request)
    except KeyboardInterrupt:
        # Stop pressed while the grader itself (not student code) was running.
        guard.baseline().restore()
        out = _bad_request(
            "",
            request.get("exercise", {}).get("id")
            if type(request) is dict and type(request.get("exercise")) is dict
            else None,
        )
        out["error"] = runner._stopped_error(KeyboardInterrupt(), 0)
        out["action"] = request.get("action", "check") if type(request) is dict else "check"
        return out


def _check(request: dict) -> dict:
    if type(request) is not dict or type(request.get("exercise")) is not dict:
        return _bad_request("The request needs an 'exercise' bundle.")
    bundle = request["exercise"]
    action = request.get("action", "check")
    code = request.get("code")
    answers = request.get("answers")
    if code is not None and type(code) is not str:
        return _bad_request("'code' must be a string.", bundle.get("id"))
    failed_checks = request.get("failed_checks", 0)
    if type(failed_checks) is not int or failed_checks < 0:
        return _bad_request("'failed_checks' must be a non-negative int.", bundle.get("id"))
    # The site's bundles carry the tests and quiz answers sealed (grader/seal.py).
    try:
        bundle, solution_key = seal.open_bundle(bundle)
    except GraderError as exc:
        return _bad_request(str(exc), bundle.get("id"))
    # The snapshot is taken before the first line of student code, ever. Its restore is
    # held in locals here, out of reach of anything student code rebinds in a module.
    snapshot = guard.baseline()
    # No input(), a quiet plt.show(): entered before the session is marked, so the guard
    # keeps its warning filter in place; left after the last restore.
    session_io = runner.student_io().__enter__()
    snapshot.mark_session()
    restore = guard.Baseline.restore
    try:
        if action == "run":
            live.begin()  # curves drawn while the code runs (grader/live.py)
            try:
                out = runner.run_code(bundle, code or "")
            finally:
                curves = live.end()
            if curves:
                out["curves"] = curves
            return {"exercise": bundle.get("id"), "action": "run", **out}
        if action != "check":
            return _bad_request(f"Unknown action {action!r}.", bundle.get("id"))
        if bundle.get("kind") == "quiz":
            out = runner.grade_answers(bundle, code, answers)
        else:
            out = runner.grade_code(bundle, code or "")
    except Exception as exc:
        if _raise_internal():
            raise
        return {
            **_bad_request("", bundle.get("id")),
            "error": error_data(
                "Grader error",
                f"The grader failed on this exercise: {type(exc).__name__}: {exc}",
                "This is not your fault: please tell your instructor.",
            ),
        }
    finally:
        tampered = restore(snapshot)
        session_io.__exit__(None, None, None)
    if tampered:
        # Everything is restored after each call into student code, so a change that
        # survived until now was made behind the guard's back: no verdict can be trusted.
        out = {
            "tests": [quiz.void(t) for t in out["tests"]],
            "stdout": out["stdout"],
            "error": error_data(*errors.TAMPERED),
        }
    score = sum(quiz.earned_points(t) for t in out["tests"])
    # validate proves the spec's points equal this sum; the tests are what was checked.
    max_score = sum(t["points"] for t in out["tests"])
    passed = out["error"] is None and score == max_score
    # A genuine attempt (not the starter again, comments and blank lines aside) unlocks the
    # worked solution; so do `unlock_after_checks` Checks that did not pass.
    genuine = attempt.is_attempt(bundle, code, answers)
    limit = bundle.get("unlock_after_checks")
    unlocked = genuine or (bool(limit) and not passed and failed_checks + 1 >= limit)
    result = {
        "exercise": bundle.get("id"),
        "action": "check",
        "score": score,
        "max_score": max_score,
        "passed": passed,
        "tests": out["tests"],
        "error": out["error"],
        "stdout": out["stdout"],
        "attempt": genuine,
    }
    if unlocked and solution_key is not None:
        result["solution_key"] = solution_key
    return result


def entry(request_json: str) -> str:
    """The one function the browser worker calls: JSON request in, JSON result out."""
    try:
        request = json.loads(request_json)
    except (TypeError, ValueError) as exc:
        return json.dumps(_bad_request(f"The request is not valid JSON: {exc}"))
    return json.dumps(check(request), sort_keys=True)
