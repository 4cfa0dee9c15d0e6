"""Input conventions: folders, exports, notebooks; every bad input named with its problem."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from grader import batch
from tests.conftest import FIXTURES, ROOT
from tests.offline.conftest import NAIVE, SOLUTION


def _export(exercises, fmt="nprl-work/1"):
    return json.dumps({"format": fmt, "course_version": "1", "exercises": exercises})


def test_folder_conventions(tmp_path):
    (tmp_path / "ann").mkdir()
    (tmp_path / "ann" / "fx_softmax.py").write_text(SOLUTION)
    (tmp_path / "bob.json").write_text(_export({"fx_softmax": {"code": NAIVE}}))
    nb = {"cells": [{"cell_type": "code", "metadata": {"nprl": {"exercise": "fx_softmax"}},
                     "source": ["%matplotlib inline\n", SOLUTION]}]}  # fmt: skip
    (tmp_path / "cat.ipynb").write_text(json.dumps(nb))
    (tmp_path / "dan.py").write_text(SOLUTION)
    (tmp_path / "notes.txt").write_text("hi")
    found = batch.collect([tmp_path])
    got = {(j["student"], j["exercise"]) for j in found.jobs}
    assert got == {("ann", "fx_softmax"), ("bob", "fx_softmax"), ("cat", "fx_softmax")}
    assert any("dan.py" in w and "--exercise" in w for w in found.warnings)
    assert any("notes.txt" in w for w in found.warnings)
    cat = next(j for j in found.jobs if j["student"] == "cat")
    assert cat["code"].startswith("# %matplotlib inline")
    with_ex = batch.collect([tmp_path], "fx_softmax")
    assert ("dan", "fx_softmax") in {(j["student"], j["exercise"]) for j in with_ex.jobs}


def test_bad_containers_are_named(tmp_path):
    cases = {
        "a.json": ("{not json", "not valid JSON"),
        "b.json": (json.dumps({"format": "other"}), "not a 'Download my work' file"),
        "c.json": (_export({"x": {"code": 3}}), "exercises.x.code must be a string"),
        "d.ipynb": ("[]", "not a notebook"),
        "e.ipynb": (json.dumps({"cells": []}), "no code cell carries metadata nprl.exercise"),
    }
    for name, (text, _) in cases.items():
        (tmp_path / name).write_text(text)
    found = batch.collect([tmp_path / n for n in cases])
    assert found.unreadable
    for name, (_, fragment) in cases.items():
        assert any(name in w and fragment in w for w in found.warnings), (name, found.warnings)


def test_duplicate_submission_is_a_problem_naming_both(tmp_path):
    (tmp_path / "ann").mkdir()
    (tmp_path / "ann" / "fx_softmax.py").write_text(SOLUTION)
    (tmp_path / "ann" / "work.json").write_text(_export({"fx_softmax": {"code": SOLUTION}}))
    jobs = batch.duplicates(batch.collect([tmp_path]).jobs)
    assert len(jobs) == 1 and "two submissions" in jobs[0]["problem"]
    assert "work.json" in jobs[0]["problem"] and "fx_softmax.py" in jobs[0]["problem"]


def test_cli_export_without_exercise_flag_and_unknown_ids(tmp_path):
    (tmp_path / "eve.json").write_text(
        _export(
            {
                "fx_softmax": {"code": SOLUTION, "last_result": {"score": 6, "passed": True}},
                "nope": {"code": "x = 1"},
            }
        )  # fmt: skip
    )
    proc = subprocess.run(
        [sys.executable, "-m", "grader", "grade", str(tmp_path / "eve.json"), "--root",
         str(FIXTURES), "--json"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    (line,) = [json.loads(x) for x in proc.stdout.splitlines()]
    assert line["student"] == "eve" and line["passed"] and line["browser"]["score"] == 6
    assert "no exercise with id 'nope'" in proc.stderr and "eve.json" in proc.stderr


def test_quiz_answers_as_data_and_as_code_agree_with_check(pool, real_bundles):
    import grader

    quizzes = [b for b in real_bundles if b["kind"] == "quiz"]
    assert quizzes, "no quiz under exercises/"
    quiz = quizzes[0]
    namespace: dict = {}
    exec(quiz["solution"], namespace)
    answers = namespace["answers"]
    odd = (
        "import numpy as np\n"
        + quiz["solution"]
        + (
            "\nanswers = {k: (np.float64(v) if type(v) is float else v) for k, v in answers.items()}"
            "\nprint('hi')\n"
        )
    )
    tasks = [
        {"bundle": quiz, "code": None, "answers": answers},
        {"bundle": quiz, "code": quiz["solution"], "answers": None},
        {"bundle": quiz, "code": odd, "answers": None},
        {"bundle": quiz, "code": "answers = 3\n", "answers": None},
    ]
    results = pool.map(tasks)
    assert results[0]["passed"] and results[1]["passed"]
    for task, got in zip(tasks[1:], results[1:], strict=True):
        want = grader.check({"action": "check", "exercise": quiz, "code": task["code"]})
        assert {k: got[k] for k in want if k not in ("action", "attempt")} == {
            k: want[k] for k in want if k not in ("action", "attempt")
        }


def test_submission_directly_in_the_temp_folder(tmp_path):
    # The folder of a submission is protected from the student code; when that folder is
    # the system temp folder itself, the job's scratch folder (also there) must stay usable.
    import tempfile

    path = Path(tempfile.gettempdir()) / f"nprl-{tmp_path.name}.py"
    path.write_text(SOLUTION)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "grader", "grade", "--exercise", "fx_softmax", "--root",
             str(FIXTURES), "--json", str(path)],
            capture_output=True, text=True, cwd=ROOT, timeout=120,
        )  # fmt: skip
    finally:
        path.unlink()
    (line,) = [json.loads(x) for x in proc.stdout.splitlines()]
    assert line["passed"], line["error"]
