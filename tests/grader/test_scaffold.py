"""`python -m grader new`: refusals, the folder it writes, and validate on that folder."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from grader.scaffold import PLACEHOLDER, ScaffoldError, new_exercise, parse_signature
from grader.spec import SPEC_KEYS, load_exercise
from grader.validate import validate
from tests.conftest import ROOT

PAGE = "05-forward-propagation"
BODY = (
    f"    # {PLACEHOLDER}: the reference solution (validate proves full marks).\n"
    "    raise NotImplementedError\n"
)


@pytest.fixture
def tree(tmp_path):
    """A course with two pages and one existing exercise, `taken`, on the first."""
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "course.yaml").write_text(
        "title: T\nversion: '1'\npages:\n"
        f"  - {{slug: 04-multi-layer-perceptrons, title: A}}\n  - {{slug: {PAGE}, title: B}}\n"
    )
    taken = tmp_path / "exercises" / "04-multi-layer-perceptrons" / "taken"
    taken.mkdir(parents=True)
    (taken / "spec.yaml").write_text("id: taken\n")
    return tmp_path


def grader_new(tree, *args):
    return subprocess.run(
        [sys.executable, "-m", "grader", "new", *args],
        capture_output=True,
        text=True,
        cwd=tree,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )


@pytest.mark.parametrize(
    "args, message",
    [
        ((PAGE, "taken", "--kind", "code", "--functions", "f(x)"),
         "error: id 'taken' already exists: exercises/04-multi-layer-perceptrons/taken"),
        (("05-forward-propagaton", "p05_x", "--kind", "code", "--functions", "f(x)"),
         "error: page '05-forward-propagaton' is not in content/course.yaml "
         "(did you mean 05-forward-propagation?)"),
        ((PAGE, "P05-Bad", "--kind", "code", "--functions", "f(x)"), "error: bad id 'P05-Bad'"),
        ((PAGE, "5x", "--kind", "code", "--functions", "f(x)"), "error: bad id '5x'"),
        ((PAGE, "p05_x", "--kind", "code", "--functions", "f(x"),
         "error: bad signature 'f(x': expected 'name(arg, ...)'"),
        ((PAGE, "p05_x", "--kind", "code", "--functions", "1f()"),
         "error: bad signature '1f()': not a Python signature"),
        ((PAGE, "p05_x", "--kind", "code", "--functions", "f(x)", "f(y)"),
         "error: function 'f' is named twice in --functions"),
        ((PAGE, "p05_x", "--kind", "code"), "error: kind code needs --functions"),
        ((PAGE, "p05_x", "--kind", "quiz", "--functions", "f(x)"),
         "error: a quiz has no functions"),
    ],
)  # fmt: skip
def test_each_refusal_is_one_line_with_exit_status_2(tree, args, message):
    out = grader_new(tree, *args)
    assert out.returncode == 2, out.stdout + out.stderr
    assert out.stderr.count("\n") == 1 and out.stderr.startswith(message), out.stderr
    assert not (tree / "exercises" / PAGE).exists(), "a refused request wrote files"


@pytest.mark.parametrize(
    "signature, expected",
    [
        ("f(x, axis=-1)", ("f", ["x"])),
        ("dense(x, W, b)", ("dense", ["x", "W", "b"])),
        ("EarlyStopping(patience, min_delta=0.0)", ("EarlyStopping", ["patience"])),
        ("g()", ("g", [])),
    ],
)
def test_good_signatures_parse(signature, expected):
    assert parse_signature(signature) == expected


@pytest.mark.parametrize("signature", ["f(x", "1f()", "f", "f(x):\n pass", "f(x=1, y)", "f(x)x"])
def test_bad_signatures_are_refused(signature):
    with pytest.raises(ScaffoldError, match="bad signature"):
        parse_signature(signature)


def test_several_functions_after_one_flag_or_with_the_flag_repeated(tree):
    out = grader_new(tree, PAGE, "p05_a", "--kind", "code", "--functions", "f(x)", "g(x)")
    assert out.returncode == 0, out.stderr
    out = grader_new(
        tree, PAGE, "p05_b", "--kind", "code", "--functions", "f(x)", "--functions", "g(x)"
    )
    assert out.returncode == 0, out.stderr
    for ex_id in ("p05_a", "p05_b"):
        spec = yaml.safe_load((tree / "exercises" / PAGE / ex_id / "spec.yaml").read_text())
        assert spec["functions"] == ["f(x)", "g(x)"] and spec["points"] == 2


def test_new_prints_the_line_to_paste(tree):
    out = grader_new(tree, PAGE, "p05_dense", "--kind", "code", "--functions", "dense(x, W, b)")
    assert out.returncode == 0, out.stderr
    assert "{{ exercise p05_dense }}" in out.stdout.splitlines()
    assert f"python -m grader validate exercises/{PAGE}/p05_dense" in out.stdout


@pytest.mark.parametrize("kind", ["code", "debug", "quiz"])
def test_a_scaffold_loads_and_its_placeholders_are_refused(tree, kind, capsys):
    functions = () if kind == "quiz" else ("relu(x)",)
    folder = new_exercise(PAGE, "p05_new", kind=kind, functions=functions, root=tree / "exercises")
    names = {p.relative_to(folder).as_posix() for p in folder.rglob("*.py")}
    expected = {"starter.py", "solution.py", "bugs/example_bug.py"}
    assert names == (expected if kind == "quiz" else expected | {"tests.py"})
    bundle = load_exercise(folder)  # every required key, of the right type
    spec = yaml.safe_load((folder / "spec.yaml").read_text())
    assert {k for k, (req, _, _) in SPEC_KEYS.items() if req} <= set(spec)
    assert bundle["kind"] == kind and bundle["page"] == PAGE
    assert validate(folder) == 1
    out = capsys.readouterr().out
    refused = [x for x in out.splitlines() if "still holds the scaffold's placeholder" in x]
    assert f"error: {folder.as_posix()}/spec.yaml: key 'title': still holds" in refused[0]
    assert any(
        x.startswith(f"error: {folder.as_posix()}/bugs/example_bug.py: line ") for x in refused
    )
    assert any("/solution.py: line " in x for x in refused) or kind == "quiz"


def test_a_quiz_has_one_question_of_each_type(tree):
    folder = new_exercise(PAGE, "p05_quiz", kind="quiz", root=tree / "exercises")
    bundle = load_exercise(folder)
    types = [q["type"] for q in bundle["questions"]]
    assert {"single", "multiple", "numeric"} <= set(types) and len(types) == len(set(types))
    for qtype in ("ordering", "match", "explain"):  # contract section 4
        assert qtype in types


def fill_in(folder: Path, kind: str) -> None:
    """Replace every placeholder the way an author would, for relu(x)."""

    def edit(name, fn):
        path = folder / name
        path.write_text(fn(path.read_text()))

    def texts(t):
        return t.replace(f"{PLACEHOLDER}: ", "")

    def bug(t):
        t = t.replace(BODY, "    return np.abs(x)\n")
        return texts(re.sub(r"# expect: .*", "# expect: expected 0.0, got 1.0", t))

    edit("spec.yaml", texts)
    if kind == "quiz":
        edit(
            "bugs/example_bug.py",
            lambda t: texts(re.sub(r"# expect: .*", "# expect: you chose B", t)),
        )
        return
    answer = f'"{PLACEHOLDER}: the expected result"'
    edit("tests.py", lambda t: texts(t.replace(answer, "np.array([0.0, 0.0, 2.0])")))
    edit("solution.py", lambda t: t.replace(BODY, "    return np.maximum(x, 0.0)\n"))
    edit("bugs/example_bug.py", bug)
    if kind == "debug":  # the broken code the student starts from: the bug, without its comment
        edit("starter.py", lambda t: bug(re.sub(r"(?m)^# (TODO\(author\)|plant).*\n", "", t)))
    else:
        edit("starter.py", texts)
    assert PLACEHOLDER not in "".join(p.read_text() for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize("kind", ["code", "debug", "quiz"])
def test_after_filling_in_validate_passes(tree, kind, capsys):
    functions = () if kind == "quiz" else ("relu(x)",)
    folder = new_exercise(PAGE, "p05_new", kind=kind, functions=functions, root=tree / "exercises")
    fill_in(folder, kind)
    status = validate(folder)
    out = capsys.readouterr().out
    assert status == 0, out
    assert "0 problem(s)" in out and "1 known-wrong solution(s)" in out
