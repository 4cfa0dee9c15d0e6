"""`# expect:` lines: validate proves each caught bug fails with the message it states."""

import shutil

import pytest

from grader.validate import bug_expectation, check_expectation, validate
from tests.conftest import FIXTURES

GOOD = FIXTURES / "fx-page" / "fx_softmax"
IN_PLACE = (GOOD / "bugs" / "in_place.py").read_text()


@pytest.fixture
def exercise(tmp_path):
    """A copy of the fixture exercise whose two bugs carry correct `# expect:` lines."""
    dest = tmp_path / "exercises" / "fx-page" / "fx_softmax"
    shutil.copytree(GOOD, dest)
    return dest


def with_expect(line: str | None) -> str:
    """The in-place bug with its `# expect:` line replaced (or removed for None)."""
    kept = [x for x in IN_PLACE.splitlines() if not x.startswith("# expect:")]
    if line is not None:
        kept.insert(1, line)
    return "\n".join(kept) + "\n"


def run_validate(root, capsys) -> tuple[int, str]:
    status = validate(root)
    return status, capsys.readouterr().out


def test_the_fixture_bugs_prove_their_messages(exercise, capsys):
    status, out = run_validate(exercise.parent.parent, capsys)
    assert status == 0, out
    assert "0 problem(s)" in out


@pytest.mark.parametrize(
    "line",
    [
        "# expect: modified its input in place",
        "# expect: MODIFIED ITS INPUT IN PLACE",  # case does not matter
        "#expect:   modified   its input in place  ",  # nor runs of white space
    ],
)
def test_a_bug_whose_message_has_the_substring_passes(exercise, capsys, line):
    (exercise / "bugs" / "in_place.py").write_text(with_expect(line))
    status, out = run_validate(exercise.parent.parent, capsys)
    assert status == 0, out


def test_a_bug_whose_message_lacks_the_substring_is_reported(exercise, capsys):
    (exercise / "bugs" / "in_place.py").write_text(with_expect("# expect: found NaN"))
    status, out = run_validate(exercise.parent.parent, capsys)
    assert status == 1
    (line,) = [x for x in out.splitlines() if "in_place.py" in x]
    assert line.startswith(f"error: {exercise.as_posix()}/bugs/in_place.py: ")
    assert "expected a failing message containing 'found NaN', got: test '" in line
    assert "modified its input in place" in line  # what came back instead
    assert "1 problem(s)" in out


def test_a_missing_expect_line_is_an_error(exercise, capsys):
    (exercise / "bugs" / "in_place.py").write_text(with_expect(None))
    status, out = run_validate(exercise.parent.parent, capsys)
    assert status == 1
    assert "bugs/in_place.py: no '# expect: <substring>' line in the leading comment" in out


def test_an_empty_expect_line_is_an_error(exercise, capsys):
    (exercise / "bugs" / "in_place.py").write_text(with_expect("# expect:   "))
    status, out = run_validate(exercise.parent.parent, capsys)
    assert status == 1
    assert "bugs/in_place.py: the '# expect:' line is empty" in out


def test_a_bug_that_earns_full_marks_is_reported_once(exercise, capsys):
    solution = (exercise / "solution.py").read_text()
    (exercise / "bugs" / "right.py").write_text("# expect: anything\n" + solution)
    status, out = run_validate(exercise.parent.parent, capsys)
    assert status == 1
    lines = [x for x in out.splitlines() if "right.py" in x]
    assert len(lines) == 1 and "earns full marks" in lines[0]


@pytest.mark.parametrize(
    "source, expected",
    [
        ("# Bug: x.\n# expect: found NaN\nimport numpy\n", "found NaN"),
        ("# Bug: a comment\n# that goes on.\n\n# Expect: Two  words \ncode = 1\n", "Two  words"),
        ("# Bug: x.\nimport numpy\n# expect: too late\n", None),  # after the first code line
        ("import numpy\n", None),
        ("# expect:\n", ""),
    ],
)
def test_bug_expectation_reads_only_the_leading_comment(source, expected):
    assert bug_expectation(source) == expected


def test_the_error_of_a_crashing_bug_counts_as_its_message():
    result = {
        "error": {"title": "SyntaxError", "message": "invalid syntax (line 3)"},
        "tests": [],
    }
    assert check_expectation("# expect: syntaxerror\n", result) is None
    assert check_expectation("# expect: invalid syntax\n", result) is None
    problem = check_expectation("# expect: found NaN\n", result)
    assert problem == (
        "expected a failing message containing 'found NaN', got: "
        "SyntaxError: invalid syntax (line 3)"
    )


def test_only_failed_tests_count():
    result = {
        "error": None,
        "tests": [
            {"name": "a", "passed": True, "message": "Correct: no NaN here."},
            {"name": "b", "passed": False, "message": "expected shape (3, 4), got (4, 3)."},
        ],
    }
    assert check_expectation("# expect: expected shape (3, 4)\n", result) is None
    assert "got: test 'b' failed" in check_expectation("# expect: no NaN here\n", result)
