"""Spec loading: every problem reported with its file and key, none stops the others."""

import shutil
from pathlib import Path

import pytest

from grader.spec import ExerciseError, load_all, load_exercise
from grader.validate import validate
from tests.conftest import FIXTURES

GOOD = FIXTURES / "fx-page" / "fx_softmax"


@pytest.fixture
def exercise(tmp_path):
    """A copy of the fixture exercise under tmp_path/exercises/fx-page/fx_softmax."""
    dest = tmp_path / "exercises" / "fx-page" / "fx_softmax"
    shutil.copytree(GOOD, dest)
    return dest


def edit_spec(folder: Path, old: str, new: str) -> None:
    spec = folder / "spec.yaml"
    text = spec.read_text()
    assert old in text
    spec.write_text(text.replace(old, new))


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(ExerciseError) as info:
        load_exercise(folder)
    return [str(p) for p in info.value.problems]


def test_good_spec_loads_into_a_bundle(exercise):
    bundle = load_exercise(exercise)
    assert bundle["id"] == "fx_softmax" and bundle["function_names"] == ["softmax"]
    assert bundle["role"] == "core" and bundle["seed"] == 0
    assert "def softmax" in bundle["solution"] and set(bundle["bugs"]) == {
        "in_place.py",
        "naive_overflow.py",
    }


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("points: 6", "points: ten", "spec.yaml: key 'points': expected a positive int, got 'ten'"),
        ("kind: code", "kind: essay", "key 'kind': expected one of code, debug, quiz, got 'essay'"),
        ("title: Softmax (test fixture)\n", "", "key 'title': missing (required)"),
        ("time_limit: 5", "time_limit: -1", "key 'time_limit': expected a positive number"),
        ("hints: [", "hints: 3\nx: [", "key 'hints': expected a list of Markdown strings, got 3"),
        ("time_limit: 5", "time_limit: 5\ncolour: red", "key 'colour': unknown key"),
        ("id: fx_softmax", "id: other", "key 'id': expected the folder name 'fx_softmax'"),
        ("page: fx-page", "page: elsewhere", "key 'page': expected the parent folder name"),
        ('functions: ["softmax(x, axis=-1)"]', "functions: [softmax]", "expected a signature"),
        (
            'functions: ["softmax(x, axis=-1)"]\n',
            "",
            "key 'functions': missing (required for kind code)",
        ),
    ],
)
def test_each_spec_problem_names_file_and_key(exercise, old, new, expected):
    edit_spec(exercise, old, new)
    problems = problems_of(exercise)
    assert any(expected in p for p in problems), problems
    assert all(str(exercise) in p for p in problems)


def test_malformed_yaml_reports_line(exercise):
    (exercise / "spec.yaml").write_text("id: fx_softmax\ntitle: [unclosed\npoints: 3\n")
    (problem,) = problems_of(exercise)
    assert "spec.yaml: invalid YAML (line" in problem


def test_spec_that_is_not_a_mapping(exercise):
    (exercise / "spec.yaml").write_text("- a\n- b\n")
    assert "expected a mapping of keys, got list" in problems_of(exercise)[0]


@pytest.mark.parametrize("name", ["starter.py", "solution.py", "tests.py", "spec.yaml"])
def test_missing_files_are_reported(exercise, name):
    (exercise / name).unlink()
    assert any(p.endswith(f"{name}: missing file") for p in problems_of(exercise))


def test_non_utf8_file_is_reported(exercise):
    (exercise / "solution.py").write_bytes(b"\xff\xfe def")
    assert any("solution.py: not UTF-8" in p for p in problems_of(exercise))


def test_several_problems_all_reported(exercise):
    edit_spec(exercise, "points: 6", "points: ten")
    edit_spec(exercise, "kind: code", "kind: essay")
    (exercise / "starter.py").unlink()
    assert len(problems_of(exercise)) == 3


def test_quiz_questions_are_checked(tmp_path):
    folder = tmp_path / "exercises" / "p" / "q"
    folder.mkdir(parents=True)
    (folder / "spec.yaml").write_text(
        "id: q\ntitle: Q\npage: p\nkind: quiz\npoints: 3\nprompt: Answer.\nquestions:\n"
        "  - {id: a, type: single, prompt: P, points: 1, choices: [x, y], answer: 5}\n"
        "  - {id: a, type: numeric, prompt: P, points: 1}\n"
        "  - {id: c, type: essay, prompt: P, points: 1}\n"
    )
    (folder / "starter.py").write_text("answers = {}\n")
    (folder / "solution.py").write_text("answers = {}\n")
    problems = problems_of(folder)
    assert any("questions[0].answer': expected a choice index 0..1, got 5" in p for p in problems)
    assert any("questions[1].answer': missing (required for type numeric)" in p for p in problems)
    assert any("duplicate question id 'a'" in p for p in problems)
    assert any("questions[2].type': expected one of single" in p for p in problems)


def test_duplicate_ids_across_pages(tmp_path):
    for page in ("fx-page", "other-page"):
        dest = tmp_path / "exercises" / page / "fx_softmax"
        shutil.copytree(GOOD, dest)
        edit_spec(dest, "page: fx-page", f"page: {page}")
    bundles, problems = load_all(tmp_path / "exercises")
    assert len(bundles) == 1 and "duplicate id 'fx_softmax'" in str(problems[0])


def test_validate_collects_everything_then_fails_once(exercise, capsys):
    (exercise / "bugs" / "actually_right.py").write_text((exercise / "solution.py").read_text())
    (exercise / "starter.py").write_text((exercise / "solution.py").read_text())
    tests = exercise / "tests.py"
    tests.write_text(
        tests.read_text().replace(
            "@test_case(points=2)\ndef axis_zero", "@test_case(points=3)\ndef axis_zero"
        )
    )
    broken = exercise.parent / "broken"
    broken.mkdir()
    (broken / "spec.yaml").write_text("id: [\n")
    status = validate(exercise.parent.parent)
    out = capsys.readouterr().out
    assert status == 1
    assert "bugs/actually_right.py: this known-wrong solution earns full marks" in out
    assert "starter.py: the starter already earns full marks" in out
    assert "key 'points': expected the sum of the tests' points (7), got 6" in out
    assert "broken/spec.yaml: invalid YAML" in out
    assert "6 problem(s)" in out  # + the broken folder's two missing files


def test_validate_catches_a_wrong_reference_solution(exercise, capsys):
    (exercise / "solution.py").write_text("def softmax(x, axis=-1):\n    return x\n")
    assert validate(exercise.parent.parent) == 1
    assert "solution.py: the reference solution scores 0/6" in capsys.readouterr().out


def test_validate_passes_on_the_fixture(capsys):
    assert validate(FIXTURES) == 0
    assert "0 problem(s)" in capsys.readouterr().out


def test_strict_turns_warnings_into_errors(exercise, capsys):
    shutil.rmtree(exercise / "bugs")
    assert validate(exercise.parent.parent) == 0
    assert validate(exercise.parent.parent, strict=True) == 1
    assert "error: " in capsys.readouterr().out
