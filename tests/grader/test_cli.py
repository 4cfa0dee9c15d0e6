"""python -m grader grade / validate, as a TA or instructor runs them."""

import json
import subprocess
import sys

import pytest

from tests.conftest import FIXTURES, ROOT

SOLUTION = (FIXTURES / "fx-page" / "fx_softmax" / "solution.py").read_text()


def run(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "grader", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture
def files(tmp_path):
    paths = {
        "good.py": SOLUTION,
        "syntax.py": "def softmax(x:\n",
        "empty.py": "",
        "noname.py": "import numpy as np\n",
        "loop.py": "def softmax(x, axis=-1):\n    while True:\n        pass\n",
        "exits.py": "import os\nos._exit(0)\n",
        "fake_print.py": 'print(\'{"score": 6, "max_score": 6, "passed": true}\')\n',
    }
    for name, text in paths.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "latin1.py").write_bytes("# caf\xe9\n".encode("latin-1"))
    return tmp_path


def grade_json(files, *names):
    out = run(
        "grade",
        "--exercise",
        "fx_softmax",
        "--root",
        str(FIXTURES),
        "--json",
        *[str(files / n) for n in names],
    )
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    return out, lines


def test_one_json_line_per_file_with_the_keys(files):
    out, lines = grade_json(files, "good.py", "syntax.py")
    assert out.returncode == 0, out.stderr
    assert len(lines) == 2
    for line in lines:
        assert {"exercise", "file", "score", "max_score", "passed", "tests", "error"} <= set(line)
    assert lines[0]["score"] == 6 and lines[0]["passed"]
    assert lines[1]["score"] == 0 and "SyntaxError" in lines[1]["error"]["message"]


@pytest.mark.parametrize(
    "name, fragment",
    [
        ("empty.py", "the file is empty"),
        ("latin1.py", "not UTF-8"),
        ("noname.py", "does not define `softmax`"),
        ("loop.py", "still running after"),
        ("exits.py", "ended with status 0"),
    ],
)
def test_bad_submissions_score_zero_with_a_reason(files, name, fragment):
    out, (line,) = grade_json(files, name)
    assert out.returncode == 0
    assert line["score"] == 0 and not line["passed"]
    assert fragment in line["error"]["message"]


def test_printing_a_fake_result_does_not_help(files):
    _, (line,) = grade_json(files, "fake_print.py")
    assert line["score"] == 0 and line["stdout"].startswith('{"score": 6')


def test_unknown_exercise_is_a_usage_error(files):
    out = run("grade", "--exercise", "fx_sofmax", "--root", str(FIXTURES), str(files / "good.py"))
    assert out.returncode == 2 and "did you mean fx_softmax" in out.stderr


def test_missing_file_is_reported_and_others_still_graded(files):
    out, lines = grade_json(files, "nope.py", "good.py")
    assert out.returncode == 2
    assert "no such file" in lines[0]["error"]["message"] and lines[1]["passed"]


def test_human_output(files):
    out = run("grade", "--exercise", "fx_softmax", "--root", str(FIXTURES), str(files / "good.py"))
    assert "6/6 PASSED" in out.stdout


def test_validate_exit_status(tmp_path):
    assert run("validate", str(FIXTURES)).returncode == 0
    assert run("validate", str(tmp_path / "nowhere")).returncode == 2


def test_validate_has_no_pyodide_flag():
    # The Pyodide half of validation lives in the builder (the grader never imports it).
    out = run("validate", "--pyodide", str(FIXTURES))
    assert out.returncode == 2 and "unrecognized arguments: --pyodide" in out.stderr


def test_the_builder_offers_validate_in_pyodide():
    out = subprocess.run(
        [sys.executable, "-m", "builder.pyodide_runner", "validate", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert out.returncode == 0 and "again in real Pyodide" in out.stdout


def test_the_grader_never_imports_the_builder():
    import ast

    offenders = []
    for path in sorted((ROOT / "grader").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            for name in names:
                if name == "builder" or name.startswith("builder."):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: imports {name}")
    assert offenders == [], "\n".join(offenders)
