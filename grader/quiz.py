"""Quiz questions: single/multiple choice, numeric with tolerance, short answer by keywords."""

from __future__ import annotations

import math
import re

from .errors import describe_type, shorten


def _choice_label(i: int) -> str:
    return chr(ord("A") + i) if 0 <= i < 26 else str(i)


def _as_int(value):
    if type(value) is int:
        return value
    if type(value) is str and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def _grade_single(q: dict, value) -> tuple[bool, str]:
    choice = _as_int(value)
    if choice is None:
        return False, f"Expected the number of one choice, got {describe_type(value)}."
    if choice == q["answer"]:
        return True, "Correct."
    return False, f"Not quite: you chose {_choice_label(choice)}."


def _grade_multiple(q: dict, value) -> tuple[bool, str]:
    if type(value) not in (list, tuple):
        return False, f"Expected a list of choices, got {describe_type(value)}."
    picked = [_as_int(v) for v in value]
    if any(p is None for p in picked):
        return False, "Every selected choice must be a choice number."
    want = set(q["answer"])
    got = set(picked)
    if got == want:
        return True, "Correct."
    missing, extra = len(want - got), len(got - want)
    parts = []
    if extra:
        parts.append(f"{extra} selected choice(s) are not right")
    if missing:
        parts.append(f"{missing} right choice(s) are missing")
    return False, "Not quite: " + " and ".join(parts) + "."


def _grade_numeric(q: dict, value) -> tuple[bool, str]:
    if type(value) in (int, float):
        number = float(value)
    elif type(value) is str:
        try:
            number = float(value.strip().replace(",", ""))
        except ValueError:
            return False, f"Expected a number, got {shorten(repr(value), 60)}."
    else:
        return False, f"Expected a number, got {describe_type(value)}."
    if not math.isfinite(number):
        return False, "Expected a finite number."
    tol = q.get("tolerance", 1e-6)
    if abs(number - q["answer"]) <= tol:
        return True, "Correct."
    return False, f"Not quite: {number!r} is not within {tol:g} of the expected value."


def _normalise(text: str) -> str:
    return " " + re.sub(r"[^a-z0-9.+\-*/^=()]+", " ", text.lower()) + " "


def _grade_short(q: dict, value) -> tuple[bool, str]:
    if type(value) is not str or not value.strip():
        return False, "Expected a short written answer."
    text = _normalise(value)
    missing = 0
    for keyword in q["keywords"]:
        options = keyword if type(keyword) is list else [keyword]
        if not any(_normalise(opt).strip() in text for opt in options):
            missing += 1
    if not missing:
        return True, "Correct: your answer covers the key ideas."
    total = len(q["keywords"])
    return False, f"Your answer is missing {missing} of the {total} key idea(s) expected."


_GRADERS = {
    "single": _grade_single,
    "multiple": _grade_multiple,
    "numeric": _grade_numeric,
    "short": _grade_short,
}


def grade_quiz(bundle: dict, answers) -> list[dict]:
    """One test result per question of a quiz exercise."""
    if type(answers) is not dict:
        answers = {}
    results = []
    for q in bundle["questions"]:
        value = answers.get(q["id"])
        if (
            value is None
            or (type(value) in (str, list, tuple) and not value)
            or (type(value) is str and not value.strip())
        ):
            passed, message = False, "Not answered yet."
        else:
            passed, message = _GRADERS[q["type"]](q, value)
        if passed and q.get("explanation"):
            message = f"{message} {q['explanation']}"
        results.append(
            {
                "name": q["id"],
                "description": shorten(" ".join(q["prompt"].split()), 120),
                "points": q["points"],
                "passed": passed,
                "message": message,
            }
        )
    return results
