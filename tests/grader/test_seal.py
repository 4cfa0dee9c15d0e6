"""grader.seal and the attempt flag: sealed bundles grade exactly like open ones."""

from __future__ import annotations

import copy
import json

import pytest

import grader
from grader.seal import open_bundle, seal_bundle, solution_key

STARTER = "def double(x):\n    # your code here\n    return 0\n"
SOLUTION = "def double(x):\n    return 2 * x\n"
TESTS = '''import math
from grader.testing import test_case, expect_equal

@test_case(points=2)
def doubles(student):
    """double(3) is 6."""
    expect_equal(student.double(3), 6)
'''
CODE = {
    "id": "double",
    "kind": "code",
    "title": "Double",
    "points": 2,
    "starter": STARTER,
    "solution": SOLUTION,
    "explanation": "Multiply by two: the secret explanation.",
    "tests": TESTS,
    "functions": ["double(x)"],
    "function_names": ["double"],
}
QUIZ = {
    "id": "q",
    "kind": "quiz",
    "title": "Quiz",
    "points": 1,
    "starter": "answers = {'pick': None}\n",
    "solution": "answers = {'pick': 2}\n",
    "questions": [
        {
            "id": "pick",
            "type": "single",
            "points": 1,
            "prompt": "Pick",
            "choices": ["a", "b", "c"],
            "answer": 2,
            "explanation": "The secret reason for c.",
        },
    ],
}


def check(bundle, **request):
    return grader.check({"action": "check", "exercise": bundle, **request})


def test_the_sealed_bundle_holds_no_readable_answer():
    for bundle, secrets in (
        (CODE, ["2 * x", "secret explanation", "doubles"]),
        (QUIZ, ["secret reason", '"answer"']),
    ):
        sealed = seal_bundle(bundle)
        text = json.dumps(sealed)
        for secret in secrets:
            assert secret not in text, f"{secret!r} is readable in the sealed bundle"
        assert "tests" not in sealed and "solution" not in sealed and "questions" not in sealed


def test_sealing_is_deterministic_and_opens_to_the_original():
    assert seal_bundle(CODE) == seal_bundle(copy.deepcopy(CODE))
    opened, key = open_bundle(seal_bundle(CODE))
    assert opened["tests"] == TESTS and key == solution_key(CODE)
    assert seal_bundle(CODE)["imports"] == ["grader", "math"]


def test_a_damaged_seal_is_a_clear_bad_request():
    sealed = seal_bundle(CODE)
    sealed["sealed"]["data"] = sealed["sealed"]["data"][:-8] + "AAAAAAA="
    result = check(sealed, code=SOLUTION)
    assert result["error"]["title"] == "Bad request"
    assert "exercise 'double': the sealed part is damaged" in result["error"]["message"]


@pytest.mark.parametrize(
    ("code", "attempt"),
    [
        (STARTER, False),
        (STARTER + "\n# hi\n\n", False),
        ("def double(x):\n\n    return 0   # changed my mind\n", False),
        ("def double(x):\n    return 0\n", False),  # the starter's comment removed
        ("def double(x):\n    return x\n", True),
        (SOLUTION, True),
        ("def double(x)\n    return 0\n", True),  # does not parse, but more than a comment
        ("def double(x):\n    # your code here\n    return 0\n    # and a comment\n", False),
    ],
)
def test_only_a_change_beyond_comments_and_whitespace_is_an_attempt(code, attempt):
    result = check(seal_bundle(CODE), code=code)
    assert result["attempt"] is attempt
    assert ("solution_key" in result) is attempt


def test_sealed_and_open_bundles_give_the_same_verdict():
    for code in (STARTER, SOLUTION):
        a, b = check(CODE, code=code), check(seal_bundle(CODE), code=code)
        b.pop("solution_key", None)
        assert a == b


def test_a_quiz_attempt_needs_an_answer_and_the_sealed_quiz_still_grades():
    sealed = seal_bundle(QUIZ)
    empty = check(sealed, answers={"pick": None})
    assert empty["attempt"] is False and "solution_key" not in empty
    right = check(sealed, answers={"pick": 2})
    assert right["passed"] is True and right["attempt"] is True
    assert right["solution_key"] == solution_key(QUIZ)


def test_unlock_after_checks_counts_failed_checks():
    sealed = seal_bundle({**CODE, "unlock_after_checks": 3})
    assert "solution_key" not in check(sealed, code=STARTER, failed_checks=1)
    third = check(sealed, code=STARTER, failed_checks=2)
    assert third["attempt"] is False and third["solution_key"] == solution_key(CODE)
    bad = check(sealed, code=STARTER, failed_checks=-1)
    assert bad["error"]["title"] == "Bad request" and "failed_checks" in bad["error"]["message"]


def test_the_spec_key_is_validated(tmp_path):
    from grader.spec import ExerciseError, load_exercise

    folder = tmp_path / "03-x" / "double"
    folder.mkdir(parents=True)
    (folder / "starter.py").write_text(STARTER)
    (folder / "solution.py").write_text(SOLUTION)
    (folder / "tests.py").write_text(TESTS)
    spec = "id: double\ntitle: D\npage: 03-x\nkind: code\npoints: 2\nprompt: p\nfunctions: ['double(x)']\n"
    (folder / "spec.yaml").write_text(spec + "unlock_after_checks: 3\n")
    assert load_exercise(folder)["unlock_after_checks"] == 3
    (folder / "spec.yaml").write_text(spec + "unlock_after_checks: zero\n")
    with pytest.raises(ExerciseError) as info:
        load_exercise(folder)
    assert "key 'unlock_after_checks': expected a positive int" in str(info.value)
