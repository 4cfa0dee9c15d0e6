"""Quiz grading: choice, numeric with tolerance, short answers by keywords."""

import pytest

import grader

QUIZ = {
    "id": "fx_quiz",
    "kind": "quiz",
    "points": 4,
    "title": "q",
    "questions": [
        {
            "id": "one",
            "type": "single",
            "prompt": "Pick",
            "points": 1,
            "choices": ["a", "b"],
            "answer": 1,
        },
        {
            "id": "many",
            "type": "multiple",
            "prompt": "Pick",
            "points": 1,
            "choices": ["a", "b", "c"],
            "answer": [0, 2],
        },
        {
            "id": "num",
            "type": "numeric",
            "prompt": "How many",
            "points": 1,
            "answer": 1686180,
            "tolerance": 0.5,
        },
        {
            "id": "why",
            "type": "short",
            "prompt": "Why",
            "points": 1,
            "keywords": ["target network", ["replay", "experience buffer"]],
        },
    ],
}


def check(answers=None, code=None):
    return grader.check({"action": "check", "exercise": QUIZ, "answers": answers, "code": code})


def test_all_right():
    r = check(
        {
            "one": 1,
            "many": [2, 0],
            "num": "1,686,180",
            "why": "A Target Network and experience REPLAY stabilise learning",
        }
    )
    assert r["score"] == 4 and r["passed"], r


@pytest.mark.parametrize(
    "answers, failed",
    [
        ({"one": 0}, "one"),
        ({"many": [0]}, "many"),
        ({"many": [0, 1, 2]}, "many"),
        ({"num": 1686182}, "num"),
        ({"num": "lots"}, "num"),
        ({"why": "a target network"}, "why"),
    ],
)
def test_wrong_answers(answers, failed):
    r = check(answers)
    test = next(t for t in r["tests"] if t["name"] == failed)
    assert not test["passed"] and test["message"]


def test_unanswered_and_answers_from_code():
    assert check({})["score"] == 0
    r = check(
        code="answers = {'one': 1, 'many': [0, 2], 'num': 1686180.2, 'why': 'replay target network'}"
    )
    assert r["score"] == 4
    bad = check(code="answers = [1, 2]")
    assert bad["error"]["title"] == "No answers" and bad["score"] == 0


def test_fake_string_answers_do_not_pass():
    code = "class S(str):\n    def __contains__(self, o): return True\n    def lower(self): return self\nanswers = {'why': S('nothing')}"
    assert check(code=code)["score"] == 0
