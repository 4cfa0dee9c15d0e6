"""What the child sends back: the outcome of running the submission (child side).

`grade_in_child(job)` runs in the forked child, after its limits are set; it returns a
JSON-able report that the parent (`grader.judge.finish`) turns into a verdict.
"""

from __future__ import annotations

from .jobs import encode_answers


def grade_in_child(job: dict) -> dict:
    """Grade in the child; return the raw report (outcomes only, never a score)."""
    from . import check

    code = job.get("code")
    if job["mode"] == "quiz":
        from . import guard
        from .runner import captured_output, execute_student_code

        snapshot = guard.baseline()
        snapshot.mark_session()
        try:
            with captured_output() as out:
                namespace, error = execute_student_code(code or "")
            answers = namespace.get("answers")
        finally:
            tampered = guard.Baseline.restore(snapshot)
        answers = encode_answers(answers) if type(answers) is dict else None
        return {"answers": answers, "error": error, "stdout": out.getvalue(), "tampered": tampered}
    result = check({"action": "check", "exercise": job["bundle"], "code": code or ""})
    return {
        "tests": [
            {"name": t["name"], "passed": t["passed"], "message": t["message"]}
            for t in result["tests"]
        ],  # fmt: skip
        "error": result["error"],
        "stdout": result["stdout"],
    }
