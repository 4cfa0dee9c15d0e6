"""Quiz grading: every question type, partial credit, refused numbers, question specs."""

from pathlib import Path

import pytest

import grader
from grader.quiz import display_order, longest_in_order, parse_number
from grader.spec import ExerciseError, load_exercise
from tests.conftest import ROOT

QUIZ = {
    "id": "fx_quiz",
    "kind": "quiz",
    "points": 11,
    "title": "q",
    "questions": [
        {"id": "one", "type": "single", "prompt": "Pick", "points": 1, "choices": ["a", "b"],
         "answer": 1},
        {"id": "many", "type": "multiple", "prompt": "Pick", "points": 1,
         "choices": ["a", "b", "c"], "answer": [0, 2]},
        {"id": "num", "type": "numeric", "prompt": "How much", "points": 1, "answer": 0.75,
         "tolerance": 1e-9},
        {"id": "steps", "type": "ordering", "prompt": "Order", "points": 4,
         "items": ["a", "b", "c", "d", "e"]},
        {"id": "pairs", "type": "match", "prompt": "Match", "points": 4,
         "pairs": [["l0", "r0"], ["l1", "r1"], ["l2", "r2"], ["l3", "r3"]]},
        {"id": "why", "type": "explain", "prompt": "Why does depth need a nonlinearity?",
         "ta_points": 2, "model_answer": "Affine maps compose to an affine map.",
         "rubric": ["composition of linear maps is linear", "so depth adds nothing"]},
    ],
}  # fmt: skip
RIGHT = {"one": 1, "many": [2, 0], "num": "3/4", "steps": [0, 1, 2, 3, 4],
         "pairs": [0, 1, 2, 3], "why": "A stack of linear maps is one linear map."}  # fmt: skip


# Answers for the parity harnesses (tests/test_parity.py, tests/offline/test_parity.py):
# every type right, partly right, refused and unanswered, as data the browser would send.
PARITY_ANSWERS = [
    RIGHT,
    {},
    {"one": "1", "many": [0], "num": "7.5e-1", "steps": [4, 0, 1, 2, 3], "pairs": [0, 1, 3, 2]},
    {"one": 0, "many": [0, 1, 2], "num": "-3/4", "steps": [1, 0, 3, 2, 4], "pairs": [0, None, 2, 3]},
    {"num": "3,4", "steps": [0, 0, 1, 2, 3], "pairs": [9, 0, 0, 0], "why": "linear collapse"},
    {"num": "0.75.1", "steps": "01234", "pairs": [3, 2, 1, 0], "why": ""},
    {"num": "1/0"}, {"num": "abc"}, {"num": " 0.75 "}, {"num": 0.75}, {"num": "1e999"},
    {"num": True}, {"num": "1/3"}, {"num": "٣"}, {"steps": list("ABCDE"), "pairs": list("DCBA")},
]  # fmt: skip


def check(answers=None, code=None, bundle=QUIZ):
    return grader.check({"action": "check", "exercise": bundle, "answers": answers, "code": code})


def question(result, name):
    return next(t for t in result["tests"] if t["name"] == name)


def test_all_right_earns_every_automatic_point():
    r = check(RIGHT)
    assert (r["score"], r["max_score"], r["passed"]) == (11, 11, True), r
    assert [t["score"] for t in r["tests"]] == [1, 1, 1, 4, 4, 0]
    assert all(t["message"] == "Correct." for t in r["tests"][:5]), r["tests"]


@pytest.mark.parametrize("text", ["0.75", "3/4", "7.5e-1", " 0.75 ", "+0.75", ".75", "6/8",
                                  "1.5/2", "75e-2", "3 / 4"])  # fmt: skip
def test_numeric_accepts_decimals_fractions_and_scientific(text):
    assert parse_number(text) == (0.75, None)
    assert question(check({"num": text}), "num")["passed"]


def test_numeric_negative_and_python_numbers():
    assert parse_number("-3/4") == (-0.75, None)
    assert parse_number(0.75) == (0.75, None) and parse_number(3) == (3.0, None)
    assert not question(check({"num": "-3/4"}), "num")["passed"]


@pytest.mark.parametrize(
    "text, message",
    [
        ("3,4", "Not graded: '3,4' has a comma, which is not read (3,4 could mean 3.4 or 34)"),
        ("1,686,180", "Not graded: '1,686,180' has a comma"),
        ("0.75.1", "Not graded: '0.75.1' is not a number: write a decimal (0.75), a fraction "
                   "(3/4) or scientific notation (7.5e-1)."),
        ("1/0", "Not graded: '1/0' divides by zero"),
        ("abc", "Not graded: 'abc' is not a number"),
        ("34/", "Not graded: '34/' is not a number"),
        ("3/-4", "Not graded: '3/-4' is not a number"),
        ("1_000", "Not graded: '1_000' is not a number"),
        ("inf", "Not graded: 'inf' is not a number"),
        ("nan", "Not graded: 'nan' is not a number"),
        ("1e999", "Not graded: '1e999' is too large"),
        ("٣", "Not graded: '٣' is not a number"),
        (True, "Not graded: Expected a number, got bool"),
        (float("nan"), "Not graded: Expected a finite number, got nan."),
        ("9" * 80, "is too long to be a number"),
    ],
)  # fmt: skip
def test_numeric_refuses_with_a_message(text, message):
    t = question(check({"num": text}), "num")
    assert not t["passed"] and t["score"] == 0
    assert message in t["message"], t["message"]


def test_numeric_wrong_value_names_it():
    t = question(check({"num": "0.7"}), "num")
    assert t["message"] == "Not quite: 0.7 is not within 1e-09 of the expected value."


@pytest.mark.parametrize(
    "order, score, moves",
    [
        ([0, 1, 2, 3, 4], 4, 0),
        ([1, 0, 2, 3, 4], 3, 1),  # one swap: 4 of 5 stay in order -> 4 * 3 // 4
        ([4, 0, 1, 2, 3], 3, 1),  # the last item first: every position wrong, 4 in order
        ([1, 0, 3, 2, 4], 2, 2),  # 3 in order -> 4 * 2 // 4
        ([2, 1, 0, 4, 3], 1, 3),  # 2 in order -> 4 * 1 // 4
        ([4, 3, 2, 1, 0], 0, 4),  # reversed: nothing in order
    ],
)
def test_ordering_partial_credit_by_items_in_order(order, score, moves):
    t = question(check({"steps": order}), "steps")
    assert t["score"] == score and t["passed"] == (score == 4)
    if moves:
        assert t["message"] == (
            f"Not quite: {moves} item(s) must move to put the list in the right order "
            f"({score} of 4 pt)."
        )


@pytest.mark.parametrize(
    "order, message",
    [
        ([0, 1, 2, 3], "Not graded: Expected 5 item entries, got 4."),
        ([0, 0, 1, 2, 3], "Not graded: every one of the 5 items must appear exactly once."),
        (
            [0, 1, 2, 3, 9],
            "Not graded: Every entry must be an item number from 0 to 4 or a letter from A to E, got 9.",
        ),
        ("01234", "Not graded: Expected a list of 5 item entries, got str."),
    ],
)
def test_ordering_refuses_what_is_not_a_permutation(order, message):
    t = question(check({"steps": order}), "steps")
    assert t["score"] == 0 and t["message"] == message


def test_ordering_and_match_accept_the_letters_items_are_shown_with():
    steps = display_order("fx_quiz", "steps", 5)  # steps[pos]: the item shown at letter pos
    letters = ["ABCDE"[steps.index(k)] for k in range(5)]
    assert question(check({"steps": letters}), "steps")["message"] == "Correct."
    rights = display_order("fx_quiz", "pairs", 4)
    chosen = ["ABCD"[rights.index(j)] for j in range(4)]
    assert question(check({"pairs": chosen}), "pairs")["score"] == 4
    assert question(check({"pairs": [chosen[0], "Z", None, None]}), "pairs")["message"] == (
        "Not graded: Every entry must be a right-hand item number from 0 to 3 or a letter "
        "from A to D, got 'Z'."
    )


def test_an_untouched_ordering_is_not_an_answer():
    t = question(check({"steps": None}), "steps")
    assert t["message"] == "Not answered yet (move the items into order)." and t["score"] == 0


def test_longest_in_order():
    assert longest_in_order([]) == 0
    assert longest_in_order([3, 0, 1, 4, 2]) == 3
    assert longest_in_order([0, 1, 2]) == 3


@pytest.mark.parametrize(
    "chosen, score, message",
    [
        ([0, 1, 2, 3], 4, "Correct."),
        ([0, 1, 3, 2], 2, "Not quite: 2 of 4 pairs are right (2 of 4 pt)."),
        ([0, 0, 0, 0], 1, "Not quite: 1 of 4 pairs are right (1 of 4 pt)."),
        ([0, 1, 2, None], 3, "Not quite: 3 of 4 pairs are right, 1 left unmatched (3 of 4 pt)."),
        ([3, 2, 1, 0], 0, "Not quite: 0 of 4 pairs are right (0 of 4 pt)."),
        ([None] * 4, 0, "Not answered yet."),
        ([0, 1, 2], 0, "Not graded: Expected 4 right-hand item entries, got 3."),
    ],
)
def test_match_partial_credit_per_pair(chosen, score, message):
    t = question(check({"pairs": chosen}), "pairs")
    assert (t["score"], t["message"]) == (score, message)


def test_partial_credit_adds_to_the_score_and_is_an_int():
    r = check({**RIGHT, "steps": [1, 0, 2, 3, 4], "pairs": [0, 1, 3, 2]})
    assert r["score"] == 11 - 1 - 2 and type(r["score"]) is int and not r["passed"]


def test_partial_credit_rounds_down_for_one_point():
    bundle = {**QUIZ, "questions": [{**QUIZ["questions"][3], "points": 1}]}
    assert check({"steps": [1, 0, 2, 3, 4]}, bundle=bundle)["score"] == 0


# The answers quoted in issue 11: keyword matching scored the first 0 and the others full.
ISSUE_ANSWERS = [
    "Without it, stacking layers is just one big linear map, so depth adds nothing",
    "It is not true that a linear network would collapse; nonlinearity is not needed",
    "linear collapse",
]


@pytest.mark.parametrize("text", ISSUE_ANSWERS)
def test_explain_earns_no_automatic_points_either_way(text):
    r = check({**RIGHT, "why": text})
    t = question(r, "why")
    assert (t["points"], t["score"], r["score"], r["max_score"]) == (0, 0, 11, 11)
    assert t["message"] == (
        "Not graded automatically: compare your answer with the model answer and the rubric; "
        "a TA may award up to 2 point(s) for it offline."
    )


def test_explain_unanswered_and_no_double_correct():
    t = question(check({**RIGHT, "why": "  "}), "why")
    assert t["message"] == "Not answered yet." and not t["passed"]
    for t in check(RIGHT)["tests"]:
        assert "Correct. Correct." not in t["message"] and "$" not in t["message"]
        assert "**" not in t["message"]


@pytest.mark.parametrize(
    "folder", ["checkpoint-a/cpa_quiz", "04-multi-layer-perceptrons/p04_mlp_quiz"]
)
def test_migrated_quizzes_grade_the_issue_answers_alike(folder):
    bundle = load_exercise(ROOT / "exercises" / folder)
    explain = [q["id"] for q in bundle["questions"] if q["type"] == "explain"]
    assert explain, "the written question should be an explain question"
    namespace: dict = {}
    exec(bundle["solution"], namespace)
    scores = set()
    for text in ISSUE_ANSWERS:
        r = check({**namespace["answers"], explain[0]: text}, bundle=bundle)
        assert question(r, explain[0])["score"] == 0
        scores.add((r["score"], r["passed"]))
    assert scores == {(bundle["points"], True)}


def test_no_quiz_under_exercises_uses_short():
    for spec in sorted((ROOT / "exercises").glob("*/*/spec.yaml")):
        assert "type: short" not in spec.read_text(encoding="utf-8"), spec


def test_answers_from_code_and_fake_strings():
    assert check({})["score"] == 0
    r = check(code=f"answers = {RIGHT!r}")
    assert r["score"] == 11
    bad = check(code="answers = [1, 2]")
    assert bad["error"]["title"] == "No answers" and bad["score"] == 0
    code = (
        "class S(str):\n    def strip(self): return '3/4'\nanswers = {'num': S('x'), 'why': S('y')}"
    )
    r = check(code=code)
    assert r["score"] == 0 and question(r, "num")["message"].startswith(
        "Not graded: Expected a number"
    )


def test_display_order_is_deterministic_and_never_the_original():
    for n in range(2, 9):
        order = display_order("fx_quiz", "steps", n)
        assert sorted(order) == list(range(n)) and order != list(range(n))
        assert order == display_order("fx_quiz", "steps", n)
    assert display_order("fx_quiz", "steps", 6) != display_order("fx_quiz", "other", 6)


# ---------------------------------------------------------------- question specs


def _problems(tmp_path, questions: str, points: int = 1) -> list[str]:
    folder = tmp_path / "exercises" / "p" / "q"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "spec.yaml").write_text(
        f"id: q\ntitle: Q\npage: p\nkind: quiz\npoints: {points}\nprompt: Answer.\n"
        "questions:\n  - {id: base, type: single, prompt: P, points: 1, choices: [x, y], answer: 0}\n"
        + questions
    )
    (folder / "starter.py").write_text("answers = {}\n")
    (folder / "solution.py").write_text("answers = {}\n")
    try:
        load_exercise(folder)
    except ExerciseError as exc:
        return [str(p) for p in exc.problems]
    return []


@pytest.mark.parametrize(
    "question, points, needle",
    [
        ("{id: a, type: short, prompt: P, points: 1, keywords: [x]}", 2,
         "key 'questions[1].type': the keyword-matched 'short' type was removed"),
        ("{id: a, type: ordering, prompt: P, points: 1, items: [x]}", 2,
         "key 'questions[1].items': expected a list of 2+ distinct strings in the right order, got ['x']"),
        ("{id: a, type: ordering, prompt: P, points: 1, items: [x, y, X]}", 2,
         "key 'questions[1].items': expected distinct items, got 'X' twice"),
        ("{id: a, type: ordering, prompt: P, points: 1}", 2,
         "key 'questions[1].items': missing (required for type ordering)"),
        ("{id: a, type: match, prompt: P, points: 1, pairs: [[a, b]]}", 2,
         "key 'questions[1].pairs': expected a list of 2+ [left, right] pairs of strings"),
        ("{id: a, type: match, prompt: P, points: 1, pairs: [[a, b], [a, c]]}", 2,
         "key 'questions[1].pairs': expected distinct left items, got 'a' twice"),
        ("{id: a, type: match, prompt: P, points: 1, pairs: [[a, b], [c, b]]}", 2,
         "key 'questions[1].pairs': expected distinct right items, got 'b' twice"),
        ("{id: a, type: match, prompt: P, points: 1, pairs: [[a, b], [c]]}", 2,
         "key 'questions[1].pairs': expected a list of 2+ [left, right] pairs of strings"),
        ("{id: a, type: explain, prompt: P, ta_points: 1, rubric: [r]}", 1,
         "key 'questions[1].model_answer': missing (required for type explain)"),
        ("{id: a, type: explain, prompt: P, ta_points: 1, model_answer: M, rubric: []}", 1,
         "key 'questions[1].rubric': expected a non-empty list of strings, got []"),
        ("{id: a, type: explain, prompt: P, ta_points: 0, model_answer: M, rubric: [r]}", 1,
         "key 'questions[1].ta_points': expected a positive int, got 0"),
        ("{id: a, type: explain, prompt: P, ta_points: two, model_answer: M, rubric: [r]}", 1,
         "key 'questions[1].ta_points': expected a positive int, got 'two'"),
        ("{id: a, type: explain, prompt: P, points: 1, ta_points: 1, model_answer: M, rubric: [r]}", 2,
         "key 'questions[1].points': not used by type explain"),
        ("{id: a, type: ordering, prompt: P, points: 1, items: [x, y], choices: [x, y]}", 2,
         "key 'questions[1].choices': not used by type ordering"),
        ("{id: a, type: numeric, prompt: P, points: 1, answer: 1, tolerance: -1}", 2,
         "key 'questions[1].tolerance': expected a non-negative number, got -1"),
    ],
)  # fmt: skip
def test_question_specs_are_checked(tmp_path, question, points, needle):
    problems = _problems(tmp_path, f"  - {question}\n", points)
    assert any(needle in p for p in problems), problems
    assert all(p.startswith(str(Path(tmp_path) / "exercises")) for p in problems), problems


def test_a_good_question_of_every_type_loads(tmp_path):
    problems = _problems(
        tmp_path,
        "  - {id: o, type: ordering, prompt: P, points: 1, items: [x, y]}\n"
        "  - {id: m, type: match, prompt: P, points: 1, pairs: [[a, b], [c, d]]}\n"
        "  - {id: e, type: explain, prompt: P, ta_points: 1, model_answer: M, rubric: [r]}\n"
        "  - {id: n, type: numeric, prompt: P, points: 1, answer: 0.5}\n",
        points=4,
    )
    assert problems == []


def test_a_quiz_of_explain_questions_only_is_refused(tmp_path):
    folder = tmp_path / "exercises" / "p" / "q"
    folder.mkdir(parents=True)
    (folder / "spec.yaml").write_text(
        "id: q\ntitle: Q\npage: p\nkind: quiz\npoints: 1\nprompt: A.\nquestions:\n"
        "  - {id: e, type: explain, prompt: P, ta_points: 1, model_answer: M, rubric: [r]}\n"
    )
    (folder / "starter.py").write_text("answers = {}\n")
    (folder / "solution.py").write_text("answers = {}\n")
    with pytest.raises(ExerciseError, match="expected at least one question with automatic points"):
        load_exercise(folder)
