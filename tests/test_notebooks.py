"""Every generated notebook runs top to bottom in CPython (ipykernel, torch installed).

With the reference solutions filled into the exercise cells, every check cell reports full
marks, no cell errors (the material's own asserts compare the PyTorch results with the
NumPy ones), and the PyTorch cells really run. With the starters, check cells say "Not yet".
The offline grader accepts the filled notebooks as submissions. `grader.notebook` (the
check helper) is tested directly too.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml

from builder.course import load_course
from builder.notebooks import build_notebooks, exercise_source

ROOT = Path(__file__).resolve().parent.parent
SLUGS = [p["slug"] for p in yaml.safe_load((ROOT / "content" / "course.yaml").read_text())["pages"]]
SUMMARY = re.compile(r"^(All tests passed|Not yet): (\d+)/(\d+) points\.$", re.M)


@pytest.fixture(scope="module")
def course():
    return load_course(ROOT)


@pytest.fixture(scope="module")
def notebooks(course):
    return build_notebooks(course, ROOT)


@pytest.fixture(scope="module")
def workdir(course):
    """A folder with exercises.json (as next to a downloaded notebook).

    Inside the repository's .cache/ rather than /tmp: the offline grader's sandbox refuses
    submissions under /tmp (see the report), and this folder is shared with that test.
    """
    from builder.notebooks import exercises_json

    base = ROOT / ".cache" / "test-notebooks"
    base.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=base))
    (folder / "exercises.json").write_text(exercises_json(course), encoding="utf-8")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def filled(text: str, course, *, with_solutions: bool) -> dict:
    nb = json.loads(text)
    for cell in nb["cells"]:
        ex = cell["metadata"].get("nprl", {}).get("exercise")
        if ex and with_solutions:
            bundle = course.exercises[ex]
            cell["source"] = exercise_source({**bundle, "starter": bundle["solution"]})
    return nb


def execute(nb: dict, workdir: Path) -> dict:
    import nbformat
    from nbclient import NotebookClient

    node = nbformat.from_dict(nb)
    client = NotebookClient(
        node,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(workdir)}},
        allow_errors=False,
    )
    client.execute()
    return json.loads(nbformat.writes(node))


def text_of(cell: dict) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if out["output_type"] == "stream":
            parts.append(out["text"] if isinstance(out["text"], str) else "".join(out["text"]))
        elif out["output_type"] in ("execute_result", "display_data"):
            data = out.get("data", {}).get("text/plain", "")
            parts.append(data if isinstance(data, str) else "".join(data))
        elif out["output_type"] == "error":
            parts.append(f"{out['ename']}: {out['evalue']}")
    return "".join(parts)


def test_kernel_is_this_venv():
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("python3")
    exe = Path(spec.argv[0])
    assert exe.name.startswith("python")
    assert exe.resolve() == Path(sys.executable).resolve() or exe.name == "python", spec.argv


@pytest.mark.parametrize("slug", SLUGS)
def test_notebook_runs_with_the_solutions(slug, notebooks, course, workdir):
    pytest.importorskip("torch", reason="the notebook test needs torch (pip install torch)")
    nb = execute(filled(notebooks[slug], course, with_solutions=True), workdir)
    checks = torch_cells = 0
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        assert cell["execution_count"] is not None, f"{slug}: cell {cell['id']} did not run"
        out = text_of(cell)
        meta = cell["metadata"].get("nprl", {})
        if "check" in meta:
            checks += 1
            points = course.exercises[meta["check"]]["points"]
            m = SUMMARY.search(out)
            assert m, f"{slug}: check cell {cell['id']} printed no verdict:\n{out}"
            assert m.groups() == ("All tests passed", str(points), str(points)), (
                f"{slug}: {meta['check']} with its reference solution:\n{out}"
            )
            assert "✗" not in out
        if meta.get("torch"):
            torch_cells += 1
            assert "cannot run in the browser" not in out, f"{slug}: torch cell skipped"
    expected = sum(1 for b in course.exercises.values() if b["page"] == slug)
    assert checks == expected, f"{slug}: {checks} check cells for {expected} exercises"
    material = ROOT / "content" / "notebooks" / f"{slug}.py"
    if material.is_file() and "# %% [torch]" in material.read_text(encoding="utf-8"):
        assert torch_cells > 0, f"{slug}: the [torch] cells are missing"


def test_starters_are_not_full_marks(notebooks, course, workdir):
    slug = next(s for s in SLUGS if any(b["page"] == s for b in course.exercises.values()))
    nb = json.loads(notebooks[slug])
    # Keep the exercise part only: the material is covered above.
    nb["cells"] = [c for c in nb["cells"] if not c["id"].startswith("nb-")]
    nb = execute(nb, workdir)
    verdicts = []
    for cell in nb["cells"]:
        if "check" in cell["metadata"].get("nprl", {}):
            m = SUMMARY.search(text_of(cell))
            assert m, text_of(cell)
            verdicts.append(m.group(1))
    assert verdicts and set(verdicts) == {"Not yet"}, verdicts


def test_offline_grader_accepts_a_filled_notebook(notebooks, course, workdir):
    slug = next(s for s in SLUGS if any(b["page"] == s for b in course.exercises.values()))
    nb = filled(notebooks[slug], course, with_solutions=True)
    path = workdir / "student.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "grader",
            "grade",
            "--root",
            str(ROOT / "exercises"),
            str(path),
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    results = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    graded = {r["exercise"]: r for r in results}
    expected = {b["id"] for b in course.exercises.values() if b["page"] == slug}
    assert set(graded) == expected, proc.stderr[-2000:]
    for ex, r in graded.items():
        assert r["passed"] and r["score"] == course.exercises[ex]["points"], (ex, r.get("error"))


# --------------------------------------------------------------------------- grader.notebook


def test_find_cell_source_picks_the_latest_run_of_the_exercise(course):
    from grader.notebook import find_cell_source

    bundle = next(b for b in course.exercises.values() if b["kind"] == "code")
    name = bundle["function_names"][0]
    marked_old = f"# Exercise {bundle['id']}: old\ndef {name}(*a):\n    return 1\n"
    marked_new = f"# Exercise {bundle['id']}: new\ndef {name}(*a):\n    return 2\n"
    other = f"# Exercise some_other: x\ndef {name}(*a):\n    return 3\n"
    unmarked = f"def {name}(*a):\n    return 4\n"
    check_cell = f'check("{bundle["id"]}")'
    assert find_cell_source(bundle, [marked_old, marked_new, other, check_cell]) == marked_new
    assert find_cell_source(bundle, [marked_new, unmarked, check_cell]) == unmarked
    assert find_cell_source(bundle, [other, "x = 1", check_cell]) is None
    quiz = next(b for b in course.exercises.values() if b["kind"] == "quiz")
    assert find_cell_source(quiz, ["answers = {}", check_cell]) is None
    q = f"# Exercise {quiz['id']}: mine\nanswers = {{}}\n"
    assert find_cell_source(quiz, [q, "answers = {'x': 1}"]) == q


def test_check_prints_the_sites_report(course, workdir, monkeypatch, capsys):
    from grader import notebook

    monkeypatch.chdir(workdir)
    monkeypatch.delenv("NPRL_EXERCISES", raising=False)
    notebook._CACHE.clear()
    bundle = next(b for b in course.exercises.values() if b["kind"] == "code")
    notebook.check(bundle["id"], bundle["solution"])
    out = capsys.readouterr().out
    assert out.startswith(f"All tests passed: {bundle['points']}/{bundle['points']} points.")
    assert out.count("✓") >= 1 and "✗" not in out
    notebook.check(bundle["id"], bundle["starter"])
    out = capsys.readouterr().out
    assert out.startswith("Not yet: ") and "✗" in out
    notebook.check(bundle["id"], "def oops(:\n")
    out = capsys.readouterr().out
    assert "on line 1" in out and "  1 | def oops(:" in out, out
    notebook.check("no_such_exercise", "x = 1")
    assert "Unknown exercise 'no_such_exercise'" in capsys.readouterr().out
    notebook._CACHE.clear()


def test_check_without_ipython_or_bundles_says_what_to_do(course, tmp_path, monkeypatch, capsys):
    from grader import notebook

    bundle = next(iter(course.exercises.values()))
    monkeypatch.setenv("NPRL_EXERCISES", str(tmp_path / "missing.json"))
    notebook._CACHE.clear()
    notebook.check(bundle["id"])
    assert "NPRL_EXERCISES" in capsys.readouterr().out
    (tmp_path / "bad.json").write_text("[1, 2]")
    monkeypatch.setenv("NPRL_EXERCISES", str(tmp_path / "bad.json"))
    notebook.check(bundle["id"])
    assert "expected {'exercises'" in capsys.readouterr().out
    monkeypatch.setenv("NPRL_EXERCISES", str(ROOT / "exercises"))
    notebook._CACHE.clear()
    notebook.check(bundle["id"])  # no IPython in pytest: no history to read
    assert "pass the code" in capsys.readouterr().out
    notebook._CACHE.clear()


def test_format_result_matches_the_site_panel():
    from grader.notebook import format_result

    result = {
        "passed": False,
        "score": 2,
        "max_score": 5,
        "error": {"title": "NameError", "message": "name 'y' is not defined", "hint": "Define y.",
                  "line": 2, "traceback": ""},
        "stdout": "hello\n",
        "tests": [
            {"name": "a", "description": "First test.", "points": 2, "passed": True, "message": ""},
            {"name": "b", "description": "", "points": 3, "passed": False, "message": "wrong\nvalue"},
        ],
    }  # fmt: skip
    text = format_result(result, "x = 1\nz = y\n")
    assert text == (
        "Not yet: 2/5 points.\n\nNameError on line 2\n  2 | z = y\nname 'y' is not defined\n"
        "Define y.\n\nOutput\nhello\n\n✓ First test.  2/2 pt\n✗ b  0/3 pt\n    wrong\n    value"
    )
