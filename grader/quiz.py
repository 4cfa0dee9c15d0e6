"""Quiz questions: exact automatic grading and free-text answers kept for self-check.

Types with automatic points: `single`, `multiple`, `numeric`, `ordering` and `match`
(the last two with partial credit). `explain` answers carry no automatic points: the
result says so, the page shows the model answer and rubric, and a TA may award
`ta_points` offline. Every score is an int computed with integer arithmetic, so CPython
and Pyodide agree exactly. Messages are plain text (no Markdown, no math): the page shows
them as text. docs/spec-reference.md defines the answer formats and partial credit.
"""

from __future__ import annotations

import hashlib
import math
import re
from fractions import Fraction

from .errors import describe_type, shorten

AUTO_TYPES = ("single", "multiple", "numeric", "ordering", "match")
QUESTION_TYPES = (*AUTO_TYPES, "explain")

_NUMBER = r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
_DECIMAL = re.compile(rf"[+-]?{_NUMBER}(?:[eE][+-]?[0-9]+)?")
_FRACTION = re.compile(rf"([+-]?{_NUMBER})\s*/\s*({_NUMBER})")
MAX_RESPONSE = 20000  # characters of a written answer kept in the result
_FORMS = "a decimal (0.75), a fraction (3/4) or scientific notation (7.5e-1)"


def display_order(exercise_id: str, question_id: str, n: int) -> list[int]:
    """The shuffled order (original indices) the page shows `n` items in; never the original.

    Seeded by exercise and question id only, so every build shows the same order; answers
    name items by original index, so the grader does not need this order at all.
    """

    def key(i: int) -> str:
        return hashlib.sha256(f"{exercise_id}/{question_id}/{i}".encode()).hexdigest()

    order = sorted(range(n), key=key)
    if n > 1 and order == list(range(n)):
        order = order[1:] + order[:1]
    return order


def _choice_label(i: int) -> str:
    return chr(ord("A") + i) if 0 <= i < 26 else str(i + 1)


def _as_int(value):
    if type(value) is int:
        return value
    if type(value) is str and re.fullmatch(r"\s*-?[0-9]{1,9}\s*", value):
        return int(value)
    return None


def parse_number(value) -> tuple[float | None, str | None]:
    """(number, None), or (None, why the answer is not read as a number).

    Accepts an int or float, or text holding a decimal (`0.75`, ` -0.75 `), scientific
    notation (`7.5e-1`) or a fraction of two decimals (`3/4`, `-3/4`). Anything else is
    refused, never guessed at: `3,4` could mean 3.4 or 34.
    """
    if type(value) in (int, float):
        number = float(value) if abs(value) < 1e308 else math.inf
        if not math.isfinite(number):
            return None, f"Expected a finite number, got {value!r}."
        return number, None
    if type(value) is not str:
        return None, f"Expected a number, got {describe_type(value)}."
    text = value.strip()
    shown = shorten(repr(text), 40)
    if len(text) > 60:
        return None, f"{shown} is too long to be a number: write {_FORMS}."
    if _DECIMAL.fullmatch(text):
        number = float(text)
        if not math.isfinite(number):
            return None, f"{shown} is too large: write a finite number."
        return number, None
    m = _FRACTION.fullmatch(text)
    if m:
        denominator = Fraction(m.group(2))
        if denominator == 0:
            return None, f"{shown} divides by zero: the bottom of a fraction cannot be 0."
        return float(Fraction(m.group(1)) / denominator), None
    if "," in text:
        return None, (
            f"{shown} has a comma, which is not read (3,4 could mean 3.4 or 34): "
            f"write {_FORMS}, with a point for decimals."
        )
    return None, f"{shown} is not a number: write {_FORMS}."


# Each grader returns (points earned, message); earned == points means right.


def _grade_single(q: dict, value) -> tuple[int, str]:
    choice = _as_int(value)
    if choice is None:
        return 0, f"Expected the number of one choice, got {describe_type(value)}."
    if choice == q["answer"]:
        return q["points"], "Correct."
    if not 0 <= choice < len(q["choices"]):
        return (
            0,
            f"There is no choice {choice} (choices are numbered 0 to {len(q['choices']) - 1}).",
        )
    return 0, f"Not quite: you chose {_choice_label(choice)}."


def _grade_multiple(q: dict, value) -> tuple[int, str]:
    if type(value) not in (list, tuple):
        return 0, f"Expected a list of choices, got {describe_type(value)}."
    picked = [_as_int(v) for v in value]
    if any(p is None for p in picked):
        return 0, "Every selected choice must be a choice number."
    want, got = set(q["answer"]), set(picked)
    if got == want:
        return q["points"], "Correct."
    missing, extra = len(want - got), len(got - want)
    parts = []
    if extra:
        parts.append(f"{extra} selected choice(s) are not right")
    if missing:
        parts.append(f"{missing} right choice(s) are missing")
    return 0, "Not quite: " + " and ".join(parts) + "."


def _grade_numeric(q: dict, value) -> tuple[int, str]:
    number, problem = parse_number(value)
    if problem is not None:
        return 0, f"Not graded: {problem}"
    tol = q.get("tolerance", 1e-6)
    if abs(number - q["answer"]) <= tol:
        return q["points"], "Correct."
    shown = shorten(value.strip() if type(value) is str else repr(value), 40)
    if tol == 0:
        return 0, f"Not quite: {shown} is not the expected value (the exact value is needed)."
    return 0, f"Not quite: {shown} is not within {tol:g} of the expected value."


def _index_list(value, n: int, what: str, labels: list[int], *, allow_none: bool):
    """(original indices, None) or (None, problem). An entry is an original index (what
    the page sends) or the letter the item is shown with (`display_order`), so a notebook
    can answer without the indices giving the right order away."""
    if type(value) not in (list, tuple):
        return None, f"Expected a list of {n} {what} entries, got {describe_type(value)}."
    if len(value) != n:
        return None, f"Expected {n} {what} entries, got {len(value)}."
    out = []
    for v in value:
        if v is None and allow_none:
            out.append(None)
            continue
        i = _as_int(v)
        if i is None and type(v) is str and len(v.strip()) == 1 and n <= 26:
            pos = ord(v.strip()) - ord("A")
            i = labels[pos] if 0 <= pos < n else None
        if i is None or not 0 <= i < n:
            return None, (
                f"Every entry must be {'an' if what[0] in 'aeiou' else 'a'} {what} number "
                f"from 0 to {n - 1} or a letter from "
                f"A to {_choice_label(n - 1)}, got {shorten(repr(v), 30)}."
            )
        out.append(i)
    return out, None


def longest_in_order(order: list[int]) -> int:
    """Length of the longest increasing subsequence: the items already in the right order."""
    tails: list[int] = []  # tails[k]: smallest last value of an increasing run of length k+1
    for x in order:
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if tails[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(tails):
            tails.append(x)
        else:
            tails[lo] = x
    return len(tails)


def _grade_ordering(q: dict, value, labels: list[int]) -> tuple[int, str]:
    n = len(q["items"])
    order, problem = _index_list(value, n, "item", labels, allow_none=False)
    if problem is not None:
        return 0, f"Not graded: {problem}"
    if sorted(order) != list(range(n)):
        return 0, f"Not graded: every one of the {n} items must appear exactly once."
    if order == list(range(n)):
        return q["points"], "Correct."
    kept = longest_in_order(order)
    earned = q["points"] * (kept - 1) // (n - 1)
    moves = n - kept
    return earned, (
        f"Not quite: {moves} item(s) must move to put the list in the right order "
        f"({earned} of {q['points']} pt)."
    )


def _grade_match(q: dict, value, labels: list[int]) -> tuple[int, str]:
    n = len(q["pairs"])
    chosen, problem = _index_list(value, n, "right-hand item", labels, allow_none=True)
    if problem is not None:
        return 0, f"Not graded: {problem}"
    right = sum(1 for i, j in enumerate(chosen) if i == j)
    if right == n:
        return q["points"], "Correct."
    earned = q["points"] * right // n
    blank = sum(1 for j in chosen if j is None)
    extra = f", {blank} left unmatched" if blank else ""
    return (
        earned,
        f"Not quite: {right} of {n} pairs are right{extra} ({earned} of {q['points']} pt).",
    )


def _explain_message(q: dict) -> str:
    ta = q.get("ta_points", 0)
    who = f"; a TA may award up to {ta} point(s) for it offline" if ta else ""
    return (
        f"Not graded automatically: compare your answer with the model answer and the rubric{who}."
    )


_GRADERS = {
    "single": _grade_single,
    "multiple": _grade_multiple,
    "numeric": _grade_numeric,
    "ordering": _grade_ordering,
    "match": _grade_match,
}


def _unanswered(value) -> bool:
    if value is None:
        return True
    if type(value) is str:
        return not value.strip()
    if type(value) in (list, tuple):
        return not value or all(v is None for v in value)
    return False


def earned_points(test: dict) -> int:
    """Points one test result earns: its `score` (quiz questions), else all or nothing."""
    if "score" in test:
        return test["score"]
    return test["points"] if test["passed"] else 0


def grade_quiz(bundle: dict, answers) -> list[dict]:
    """One result per question: name, description, points, passed, message, score."""
    if type(answers) is not dict:
        answers = {}
    results = []
    for q in bundle["questions"]:
        value = answers.get(q["id"])
        points = q.get("points", 0)
        if q["type"] == "explain":
            answered = type(value) is str and bool(value.strip())
            earned, passed = 0, answered
            message = _explain_message(q) if answered else "Not answered yet."
        elif _unanswered(value):
            hint = " (move the items into order)" if q["type"] == "ordering" else ""
            earned, passed, message = 0, False, f"Not answered yet{hint}."
        else:
            grade = _GRADERS[q["type"]]
            if q["type"] in ("ordering", "match"):
                n = len(q["items"] if q["type"] == "ordering" else q["pairs"])
                earned, message = grade(q, value, display_order(str(bundle.get("id")), q["id"], n))
            else:
                earned, message = grade(q, value)
            passed = earned == points
        result = {
            "name": q["id"],
            "description": shorten(" ".join(q["prompt"].split()), 120),
            "points": points,
            "passed": passed,
            "message": message,
            "score": earned,
        }
        if q["type"] == "explain":
            # The written text travels with the verdict, so a TA can review it from
            # results.jsonl alone (grader/tareview.py).
            result["response"] = value[:MAX_RESPONSE] if type(value) is str else None
        results.append(result)
    return results


def void(test: dict) -> dict:
    """A test result that earns nothing (the verdict could not be trusted)."""
    out = {**test, "passed": False}
    if "score" in out:
        out["score"] = 0
    return out
