"""Written quiz answers: listed for a TA with prompt, rubric and model answer; TA points
entered in the CSV merge into the gradebook; bad rows are named by file and row."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

QUIZ = "cpa_quiz"
RIGHT = {
    "neuron_output": "2",
    "layer_parameters": 15,
    "sigmoid_slope_from_output": "9/100",
    "softmax_probability": "3/4",
    "heads": 1,
    "saturating": [0, 1, 4],
    "log_prob": 2,
    "stability_facts": [0, 2],
    "activation_properties": [0, 1, 2, 3],
}
ANN = "Without it, stacking layers is just one big linear map, so depth adds nothing"
BOB = "It is not true that a linear network would collapse; nonlinearity is not needed"


def grade(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "grader", "grade", *map(str, args), "--root",
         str(ROOT / "exercises"), "--no-progress", "--jobs", "1"],
        capture_output=True, text=True, cwd=cwd, timeout=300,
    )  # fmt: skip


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """A class of two: ann's browser export (answers as data), bob's code (answers = {...})."""
    root = tmp_path_factory.mktemp("ta")
    cls = root / "class"
    (cls / "bob").mkdir(parents=True)
    export = {"format": "nprl-work/1", "course_version": "t", "exported_at": "x",
              "exercises": {QUIZ: {"code": None, "answers": {**RIGHT, "why_nonlinear": ANN},
                                   "last_result": None, "updated_at": None}}}  # fmt: skip
    (cls / "ann.json").write_text(json.dumps(export))
    wrong = {**RIGHT, "heads": 0, "why_nonlinear": BOB}
    (cls / "bob" / f"{QUIZ}.py").write_text(f"answers = {wrong!r}\n")
    proc = grade(cls, "--out", root / "out")
    assert proc.returncode == 0, proc.stderr
    return root


def read_csv(path):
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_review_sheet_lists_each_written_answer_with_rubric_and_model(graded):
    rows = read_csv(graded / "out" / "ta-review.csv")
    assert [(r["student"], r["exercise"], r["question"]) for r in rows] == [
        ("ann", QUIZ, "why_nonlinear"),
        ("bob", QUIZ, "why_nonlinear"),
    ]
    assert [r["answer"] for r in rows] == [ANN, BOB]
    for r in rows:
        assert r["ta_points"] == "" and r["max_ta_points"] == "2"
        assert r["prompt"].startswith("Why does a multi-layer network need a nonlinear")
        # (a cell starting with - is escaped against spreadsheet formulas: a leading ')
        assert r["rubric"].count("\n- ") >= 1 and r["rubric"].startswith("'- Says that")
        assert "collapses into a single linear layer" in r["model_answer"]
    md = (graded / "out" / "ta-review.md").read_text(encoding="utf-8")
    assert md.count("## cpa_quiz / why_nonlinear (up to 2 pt)") == 1
    assert "**Model answer.**" in md and "### ann" in md and "### bob" in md
    assert f"> {BOB}" in md


def test_written_answers_earn_no_automatic_points(graded):
    book = read_csv(graded / "out" / "gradebook.csv")
    assert {r["Student"]: r[QUIZ] for r in book} == {"ann": "10", "bob": "9"}


def test_ta_points_merge_into_the_gradebook(graded, tmp_path):
    rows = read_csv(graded / "out" / "ta-review.csv")
    rows[0]["ta_points"], rows[1]["ta_points"] = "2", "0.5"
    filled = tmp_path / "filled.csv"
    with filled.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    proc = grade(
        "--merge", graded / "out" / "results.jsonl", "--ta-points", filled, "--out", tmp_path / "o"
    )
    assert proc.returncode == 0, proc.stderr
    book = {r["Student"]: r for r in read_csv(tmp_path / "o" / "gradebook.csv")}
    assert (book["ann"][QUIZ], book["ann"]["Total"]) == ("12", "12")
    assert book["bob"][QUIZ] == "9.5"
    recs = [json.loads(x) for x in (tmp_path / "o" / "results.jsonl").read_text().splitlines()]
    ann = next(r for r in recs if r["student"] == "ann")
    assert ann["ta_points"] == {"why_nonlinear": 2} and ann["score"] == 10
    feedback = (tmp_path / "o" / "feedback" / "ann.md").read_text(encoding="utf-8")
    # (ann: 10 automatic points of the quiz's 12, plus 2 from the TA)
    assert "why_nonlinear: 2 pt awarded by a TA" in feedback and "Total: **12/12**" in feedback


@pytest.mark.parametrize(
    "edit, message",
    [
        ({"ta_points": "3"}, "row 2: key 'ta_points': expected a number from 0 to 2, got '3'"),
        ({"ta_points": "two"}, "row 2: key 'ta_points': expected a number from 0 to 2, got 'two'"),
        ({"ta_points": "-1"}, "row 2: key 'ta_points': expected a number from 0 to 2, got '-1'"),
        ({"ta_points": "1", "question": "heads"},
         "row 2: expected a written (explain) question, got exercise 'cpa_quiz' question 'heads'"),
        ({"ta_points": "1", "student": "zed"},
         "row 2: no graded submission of 'cpa_quiz' by 'zed' in these inputs"),
    ],
)  # fmt: skip
def test_bad_rows_are_named_and_nothing_is_written(graded, tmp_path, edit, message):
    filled = tmp_path / "bad.csv"
    rows = read_csv(graded / "out" / "ta-review.csv")
    rows[0].update(edit)
    with filled.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    proc = grade(
        "--merge", graded / "out" / "results.jsonl", "--ta-points", filled, "--out", tmp_path / "o"
    )
    assert proc.returncode == 2
    assert f"error: {filled}: {message}" in proc.stderr, proc.stderr
    assert not (tmp_path / "o").exists()


def test_header_and_duplicates_are_checked(graded, tmp_path):
    bad = tmp_path / "header.csv"
    bad.write_text("student,exercise,points\nann,cpa_quiz,2\n")
    proc = grade("--merge", graded / "out" / "results.jsonl", "--ta-points", bad)
    assert proc.returncode == 2
    assert f"{bad}: expected the columns student, exercise, question, ta_points" in proc.stderr
    assert "missing question, ta_points" in proc.stderr
    dup = tmp_path / "dup.csv"
    dup.write_text(
        "student,exercise,question,ta_points\n"
        "ann,cpa_quiz,why_nonlinear,1\nann,cpa_quiz,why_nonlinear,2\nbob,cpa_quiz,why_nonlinear,\n"
    )
    proc = grade("--merge", graded / "out" / "results.jsonl", "--ta-points", dup)
    assert proc.returncode == 2
    assert f"{dup}: row 3: the same answer was already given points in row 2" in proc.stderr
    missing = tmp_path / "nope.csv"
    proc = grade("--merge", graded / "out" / "results.jsonl", "--ta-points", missing)
    assert proc.returncode == 2 and f"{missing}: no such file" in proc.stderr
